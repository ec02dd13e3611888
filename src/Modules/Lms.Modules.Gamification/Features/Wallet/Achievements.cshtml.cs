using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Progress;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Wallet;

/// <summary>
/// "My badges and points": level, total, weekly streak, badges earned (with their evidence, sharing and Open Badges
/// links), badges still to earn and how, and the points ledger. Nothing but a way back when the person switched the game off.
/// </summary>
/// <remarks>The module's services are internal (so are its entities); a public page model reaches them through the request's services.</remarks>
[Authorize(Policy = "EarnBadges")]
public sealed class AchievementsModel(ISiteSettingsService site, IStringLocalizer<GamificationStrings> T) : PageModel
{
    public const int PageSize = 20;

    public bool DisplaysOff { get; private set; }
    internal PlayerProgress? Progress { get; private set; }
    internal IReadOnlyList<AwardView> Earned { get; private set; } = [];
    internal IReadOnlyList<BadgeToEarn> ToEarn { get; private set; } = [];
    internal LedgerPage? Ledger { get; private set; }
    internal IReadOnlyDictionary<long, string> LedgerWhat { get; private set; } = new Dictionary<long, string>();
    [TempData] public string? Message { get; set; }

    /// <param name="pageNumber">From <c>?page=</c> (in Razor Pages the route value "page" names the page itself).</param>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        var services = HttpContext.RequestServices;
        if (!(await services.GetRequiredService<GamePreferences>().GetAsync(staffId, cancellationToken)).DisplaysEnabled)
        {
            DisplaysOff = true;
            return Page();
        }

        var reader = services.GetRequiredService<PlayerProgressReader>();
        var views = services.GetRequiredService<AwardViews>();
        Progress = await reader.ForAsync(staffId, cancellationToken);
        var catalog = await views.CatalogAsync(cancellationToken);
        var origin = AwardLinks.Origin(await site.GetAsync(cancellationToken), Request);
        Earned = await views.EarnedAsync(staffId, catalog, origin, cancellationToken);
        ToEarn = await views.ToEarnAsync(staffId, catalog, cancellationToken);
        Ledger = await reader.LedgerAsync(staffId, Math.Max(1, pageNumber), PageSize, cancellationToken);
        if (Ledger.Items.Count == 0 && Ledger.Page > Ledger.PageCount)
        {
            Ledger = await reader.LedgerAsync(staffId, Ledger.PageCount, PageSize, cancellationToken);
        }

        var text = services.GetRequiredService<LedgerText>();
        LedgerWhat = Ledger.Items.ToDictionary(l => l.Id, l => text.Describe(l, catalog));
        return Page();
    }

    /// <summary>Make one's own award public or private again. Someone else's award answers 404, as an unknown one does.</summary>
    public async Task<IActionResult> OnPostShareAsync(Guid awardId, bool makePublic, CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        var badge = await HttpContext.RequestServices.GetRequiredService<BadgeWallet>()
            .ShareAsync(awardId, staffId, makePublic, User.Identity?.Name, cancellationToken);
        if (badge is null)
        {
            return NotFound();
        }

        var name = badge.Name(!Lms.Framework.Web.LmsCultures.IsJapanese);
        Message = makePublic
            ? T["“{0}” is now public. Anyone with the address can see it.", name]
            : T["“{0}” is private again. Only you can see it.", name];
        return Redirect($"/me/achievements#award-{awardId}");
    }
}
