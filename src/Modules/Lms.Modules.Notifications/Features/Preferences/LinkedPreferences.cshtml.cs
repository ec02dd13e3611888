using Lms.Modules.Notifications.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications.Features.PreferencePages;

/// <summary>
/// The preferences link of an e-mail: no sign-in, and only the preferences of the person the token names
/// (no id in the address to change). An unknown or altered token is a plain 404.
/// </summary>
[AllowAnonymous]
public sealed class LinkedPreferencesModel(IStringLocalizer<NotificationsStrings> T) : PageModel
{
    [BindProperty] public PreferencesForm Form { get; set; } = new();
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (HttpContext.RequestServices.GetRequiredService<PreferenceLinks>().Read(token) is not { } staffId)
        {
            return NotFound();
        }

        Form = PreferencesForm.From(await HttpContext.RequestServices.GetRequiredService<PreferenceStore>().GetAsync(staffId, cancellationToken));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (HttpContext.RequestServices.GetRequiredService<PreferenceLinks>().Read(token) is not { } staffId)
        {
            return NotFound();
        }

        Error = await Form.SaveAsync(staffId, HttpContext.RequestServices, T, cancellationToken);
        if (Error is not null)
        {
            return Page();
        }

        Message = T["Your notification settings are saved."];
        return Redirect($"/notifications/preferences/{token}");
    }
}
