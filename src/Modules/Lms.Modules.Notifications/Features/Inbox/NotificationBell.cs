using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Lms.Modules.Notifications.Features.Inbox;

internal sealed class NotificationBellProvider : IHeaderWidgetProvider
{
    public IEnumerable<HeaderWidget> GetWidgets(ClaimsPrincipal user) =>
        user.GetStaffId() is null ? [] : [new("NotificationBell", 10)];
}

/// <summary>The bell in the header: a link to the inbox with the unread count (cached briefly: it is on every page).</summary>
public sealed class NotificationBellViewComponent(IAuthorizationService authorization) : ViewComponent
{
    internal sealed record Model(int Unread);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.GetStaffId() is not { } staffId
            || !(await authorization.AuthorizeAsync(UserClaimsPrincipal, Permissions.ReceiveNotifications.Name)).Succeeded)
        {
            return Content("");
        }

        var inbox = HttpContext.RequestServices.GetService(typeof(Inbox)) as Inbox;
        var unread = inbox is null ? 0 : await inbox.UnreadCountAsync(staffId, HttpContext.RequestAborted);
        return View(new Model(unread));
    }
}
