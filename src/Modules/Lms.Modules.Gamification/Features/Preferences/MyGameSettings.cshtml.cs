using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Home;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Preferences;

/// <summary>
/// A person's choices about the game: see it at all, take part in the individual comparison, show one's name
/// there. Switching the displays off hides the game but keeps recording, so coming back loses nothing.
/// </summary>
[Authorize(Policy = "EarnBadges")]
public sealed class MyGameSettingsModel(IStringLocalizer<GamificationStrings> T) : PageModel
{
    [BindProperty] public bool DisplaysEnabled { get; set; } = true;
    [BindProperty] public bool JoinRankings { get; set; }
    [BindProperty] public bool ShowNameInRankings { get; set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        var saved = await HttpContext.RequestServices.GetRequiredService<GamePreferences>().GetAsync(staffId, cancellationToken);
        (DisplaysEnabled, JoinRankings, ShowNameInRankings) = (saved.DisplaysEnabled, saved.JoinRankings, saved.ShowNameInRankings);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        var services = HttpContext.RequestServices;
        await services.GetRequiredService<GamePreferences>().SaveAsync(staffId, DisplaysEnabled, JoinRankings, ShowNameInRankings, cancellationToken);
        services.GetRequiredService<GamificationPanelCache>().Forget(staffId);

        // Say plainly when a choice could not take effect, rather than silently dropping it.
        var notes = new List<string> { DisplaysEnabled ? T["Your settings are saved."] : T["The display is now off. Your points and badges are still recorded, so nothing is lost if you switch it back on."] };
        if (!DisplaysEnabled && JoinRankings)
        {
            notes.Add(T["With the display off you do not take part in the comparison either."]);
        }
        else if (ShowNameInRankings && !JoinRankings)
        {
            notes.Add(T["Your name is shown only to people in the comparison, so it stays hidden while you do not take part."]);
        }

        Message = string.Join(" ", notes);
        return Redirect("/me/game-settings");
    }
}
