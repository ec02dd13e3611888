using Lms.Modules.Gamification.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Features.About;

/// <summary>
/// Why the site has points and badges, what research says about them, and the rules as they stand today
/// (points, the daily cap and the levels come from the current settings, so the page never goes stale).
/// </summary>
[Authorize(Policy = "EarnBadges")]
public sealed class AboutGamificationModel : PageModel
{
    internal GameSettings Settings { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Settings = await HttpContext.RequestServices.GetRequiredService<GameSettingsStore>().GetAsync(cancellationToken);
}
