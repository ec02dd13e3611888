using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Features.Admin.Badges;

/// <summary><c>/admin/badges</c>: every badge with its image, what earns it in words, and how many hold it.</summary>
[Authorize(Policy = "ManageBadges")]
public sealed class BadgeListModel(GamificationDbContext db) : PageModel
{
    // The module's services are internal (they are not its contract), so this public page model asks for them per request.
    private BadgeAwarder Awarder => HttpContext.RequestServices.GetRequiredService<BadgeAwarder>();
    private CriteriaText CriteriaText => HttpContext.RequestServices.GetRequiredService<CriteriaText>();

    public sealed record Row(Guid Id, string ImageUrl, string NameJa, string NameEn, string Criteria, int Holders, bool Archived);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var catalog = await Awarder.CatalogAsync(cancellationToken);
        var badges = await db.Badges.AsNoTracking().OrderBy(b => b.IsArchived).ThenBy(b => b.SortOrder).ThenBy(b => b.CreatedAt)
            .Select(b => new { b.Id, b.NameJa, b.NameEn, b.CriteriaJson, b.IsArchived, b.UpdatedAt })
            .ToListAsync(cancellationToken);
        var holders = await db.Awards.AsNoTracking().Where(a => a.RevokedAt == null).GroupBy(a => a.BadgeId)
            .Select(g => new { BadgeId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.BadgeId, g => g.Count, cancellationToken);
        Rows = badges.Select(b => new Row(
            b.Id,
            // The image is read without its bytes here; the URL carries the version the public endpoint serves.
            $"/badges/{b.Id}/image?v={b.UpdatedAt.UtcTicks}",
            b.NameJa,
            b.NameEn,
            BadgeCriterion.Parse(b.CriteriaJson) is { } criterion ? CriteriaText.Describe(criterion, catalog) : "?",
            holders.GetValueOrDefault(b.Id),
            b.IsArchived)).ToList();
        return Page();
    }
}
