using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Framework.Settings;
using Lms.Framework.Web;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Progress;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Home;

/// <summary>Staff who earn badges: level, points and streak in a line, the newest badge, the ways to more.</summary>
internal sealed class GamificationPanelProvider : IHomePanelProvider
{
    /// <summary>After the courses and workshops: the game is a companion to the learning, not its headline.</summary>
    public const int Order = 25;

    public IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user) =>
        user.GetStaffId() is not null && user.HasClaim(PermissionClaims.Type, Permissions.EarnBadges.Name) ? [new("GamificationPanel", Order)] : [];
}

/// <summary>
/// The home page's game panel. Cheap by design: from the cache, nothing; cold, the preference, the grouped
/// ledger and the newest award (three queries, plus the site's time zone if no other panel read it yet).
/// </summary>
/// <remarks>The module's services are internal; a public view component reaches them through the request's services.</remarks>
public sealed class GamificationPanelViewComponent : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (UserClaimsPrincipal.GetStaffId() is not { } staffId)
        {
            return Content("");
        }

        var services = HttpContext.RequestServices;
        var cache = services.GetRequiredService<GamificationPanelCache>();
        if (!cache.TryGet(staffId, out var facts))
        {
            facts = await ReadAsync(services, staffId, HttpContext.RequestAborted);
            cache.Set(staffId, facts);
        }

        return facts.Hidden ? Content("") : View("~/Home/GamificationPanel.cshtml", facts);
    }

    private static async Task<PanelFacts> ReadAsync(IServiceProvider services, Guid staffId, CancellationToken cancellationToken)
    {
        if (!(await services.GetRequiredService<GamePreferences>().GetAsync(staffId, cancellationToken)).DisplaysEnabled)
        {
            return PanelFacts.Off;
        }

        var progress = await services.GetRequiredService<PlayerProgressReader>().ForAsync(staffId, cancellationToken);
        var db = services.GetRequiredService<GamificationDbContext>();
        var latest = await (from a in db.Awards.AsNoTracking()
                            join b in db.Badges.AsNoTracking() on a.BadgeId equals b.Id
                            where a.StaffId == staffId && a.RevokedAt == null
                            orderby a.AwardedAt descending
                            select new { a.AwardedAt, Badge = b }).FirstOrDefaultAsync(cancellationToken);
        // The reader has read the site's zone already (same request): the date costs nothing more here, nor when cached.
        var time = services.GetRequiredService<SiteTime>();
        await time.ZoneAsync(cancellationToken);
        return new PanelFacts(false, progress, latest is null ? null
            : new LatestBadge(latest.Badge.NameJa, latest.Badge.NameEn, BadgeImages.PathOf(latest.Badge), time.Format(latest.AwardedAt, "yyyy/MM/dd")));
    }
}
