using Lms.Contracts.Organization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications.Features.Inbox;

/// <summary>The inbox: unread messages first, each with what it is about and a link to act on it.</summary>
[Authorize(Policy = "ReceiveNotifications")]
public sealed class MyNotificationsModel(IStringLocalizer<NotificationsStrings> T) : PageModel
{
    public const int PageSize = 20;

    internal IReadOnlyList<InboxItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Unread { get; private set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    [TempData] public string? Message { get; set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        PageNumber = Math.Max(1, PageNumber);
        (Items, Total, Unread) = await HttpContext.RequestServices.GetRequiredService<Inbox>().ListAsync(staffId, false, PageNumber, PageSize, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        await HttpContext.RequestServices.GetRequiredService<Inbox>().MarkReadAsync(staffId, id, cancellationToken);
        return Redirect("/me/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        var count = await HttpContext.RequestServices.GetRequiredService<Inbox>().MarkAllReadAsync(staffId, cancellationToken);
        Message = T["{0} messages marked as read.", count];
        return Redirect("/me/notifications");
    }
}
