using Lms.Contracts.Organization;
using Lms.Modules.Notifications.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications.Features.PreferencePages;

[Authorize(Policy = "ReceiveNotifications")]
public sealed class MyNotificationSettingsModel(IStringLocalizer<NotificationsStrings> T) : PageModel
{
    [BindProperty] public PreferencesForm Form { get; set; } = new();
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        Form = PreferencesForm.From(await HttpContext.RequestServices.GetRequiredService<PreferenceStore>().GetAsync(staffId, cancellationToken));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        Error = await Form.SaveAsync(staffId, HttpContext.RequestServices, T, cancellationToken);
        if (Error is not null)
        {
            return Page();
        }

        Message = T["Your notification settings are saved."];
        return Redirect("/me/notification-settings");
    }
}
