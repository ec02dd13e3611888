using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Notifications.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Notifications.Features.Inbox;

/// <summary>One message, marked read on opening; a manager's digest shows its full lists here.</summary>
[Authorize(Policy = "ReceiveNotifications")]
public sealed class NotificationDetailModel : PageModel
{
    internal InboxItem Item { get; private set; } = null!;
    internal MessageData Data { get; private set; } = new();
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        var inbox = HttpContext.RequestServices.GetRequiredService<Inbox>();
        if (await inbox.FindAsync(staffId, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        await inbox.MarkReadAsync(staffId, id, cancellationToken);
        (Item, Data) = found;
        TimeZone = (await HttpContext.RequestServices.GetRequiredService<ISiteSettingsService>().GetAsync(cancellationToken)).TimeZone;
        return Page();
    }
}
