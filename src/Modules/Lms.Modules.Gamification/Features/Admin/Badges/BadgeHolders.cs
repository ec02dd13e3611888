using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Badges;

/// <summary>A person's award as the administrator sees it: who, when, and what earned it in words.</summary>
internal sealed record HolderRow(Guid AwardId, string Name, string EmployeeNumber, string Unit, DateTimeOffset AwardedAt, string Evidence, DateTimeOffset? RevokedAt, string? RevokedReason, string? RevokedBy);

internal sealed record HolderPage(IReadOnlyList<HolderRow> Rows, int Page, int PageCount, int Active, int Revoked);

/// <summary>The holders of one badge, a page at a time, newest award first.</summary>
internal sealed class BadgeHolders(GamificationDbContext db, IMediator mediator, SiteTime time, IStringLocalizer<GamificationStrings> T)
{
    public const int PageSize = 50;

    public async Task<HolderPage> PageAsync(Guid badgeId, int page, CourseCatalog catalog, CancellationToken cancellationToken = default)
    {
        await time.ZoneAsync(cancellationToken);
        var awards = db.Awards.AsNoTracking().Where(a => a.BadgeId == badgeId);
        var active = await awards.CountAsync(a => a.RevokedAt == null, cancellationToken);
        var revoked = await awards.CountAsync(a => a.RevokedAt != null, cancellationToken);
        var pageCount = Math.Max(1, (active + revoked + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        // Newest first; ties (a retroactive run awards many at one instant) by id so pages do not overlap.
        var rows = await awards.OrderByDescending(a => a.AwardedAt).ThenBy(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var cards = rows.Count == 0
            ? new Dictionary<Guid, StaffCard>()
            : (await mediator.Send(new GetStaffCards(rows.Select(r => r.StaffId).ToList()), cancellationToken)).ToDictionary(c => c.StaffId);
        var list = rows.Select(a =>
        {
            var card = cards.GetValueOrDefault(a.StaffId);
            return new HolderRow(a.Id, card?.Name ?? T["(unknown person)"], card?.EmployeeNumber ?? "", card?.UnitPath ?? "", a.AwardedAt,
                Evidence(a, catalog), a.RevokedAt, a.RevokedReason, a.RevokedBy);
        }).ToList();
        return new HolderPage(list, page, pageCount, active, revoked);
    }

    /// <summary>What earned the award, e.g. 「ワークショップ『ペルソナと…』（2026/04/10 のセッションで修了）」.</summary>
    public string Evidence(BadgeAward award, CourseCatalog catalog)
    {
        var on = award.EvidenceAt is { } at ? time.Format(at, "yyyy/MM/dd") : null;
        string text = award.Evidence switch
        {
            EvidenceKinds.Workshop => award.SessionId is not null && on is not null
                ? T["Workshop “{0}”, signed off at the session of {1}", ActivityTitle(award, catalog), on]
                : on is not null ? T["Workshop “{0}”, completed on {1}", ActivityTitle(award, catalog), on] : T["Workshop “{0}”", ActivityTitle(award, catalog)],
            EvidenceKinds.Course => on is not null
                ? T["Course “{0}”, completed on {1}", CourseTitle(award, catalog), on]
                : T["Course “{0}”", CourseTitle(award, catalog)],
            EvidenceKinds.Activity => on is not null
                ? T["“{0}”, completed on {1}", ActivityTitle(award, catalog), on]
                : T["“{0}”", ActivityTitle(award, catalog)],
            EvidenceKinds.Points => T["Reached the points threshold"],
            EvidenceKinds.Manual => T["Awarded by {0}: {1}", award.AwardedBy ?? "?", award.Reason ?? ""],
            _ => award.Evidence,
        };

        return award.Reason == "retroactive" && award.Evidence != EvidenceKinds.Manual ? text + T[" (awarded when the badge was defined)"] : text;
    }

    private string ActivityTitle(BadgeAward award, CourseCatalog catalog) =>
        award.ActivityId is { } id && catalog.Activity(id) is { } found ? found.Activity.Title : T["(no longer published)"];

    private string CourseTitle(BadgeAward award, CourseCatalog catalog) =>
        award.CourseId is { } id && catalog.Course(id) is { } course ? course.Title : T["(no longer published)"];
}
