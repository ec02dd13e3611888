using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Features.Wallet;

internal sealed record EarnedBadge(BadgeAward Award, Badge Badge);

/// <summary>A person's awards as they may see them: revoked awards are left out everywhere.</summary>
internal sealed class BadgeWallet(GamificationDbContext db, TimeProvider clock)
{
    /// <summary>The awards the person holds, newest first.</summary>
    public async Task<IReadOnlyList<EarnedBadge>> EarnedAsync(Guid staffId, CancellationToken cancellationToken = default) =>
        (await (from a in db.Awards.AsNoTracking()
                join b in db.Badges.AsNoTracking() on a.BadgeId equals b.Id
                where a.StaffId == staffId && a.RevokedAt == null
                orderby a.AwardedAt descending, b.SortOrder
                select new { a, b }).ToListAsync(cancellationToken))
        .Select(x => new EarnedBadge(x.a, x.b)).ToList();

    /// <summary>
    /// Badges still to earn: live (not archived) and never awarded to the person. A revoked award is not offered
    /// again here, since the badge cannot be given twice.
    /// </summary>
    public async Task<IReadOnlyList<Badge>> NotYetEarnedAsync(Guid staffId, CancellationToken cancellationToken = default) =>
        await db.Badges.AsNoTracking()
            .Where(b => !b.IsArchived && !db.Awards.Any(a => a.BadgeId == b.Id && a.StaffId == staffId))
            .OrderBy(b => b.SortOrder).ThenBy(b => b.NameJa)
            .ToListAsync(cancellationToken);

    /// <summary>The award, if it is the person's own and not revoked.</summary>
    public Task<BadgeAward?> OwnAsync(Guid awardId, Guid staffId, CancellationToken cancellationToken = default) =>
        db.Awards.FirstOrDefaultAsync(a => a.Id == awardId && a.StaffId == staffId && a.RevokedAt == null, cancellationToken);

    /// <summary>
    /// Makes the holder's award public or private. Only the holder: anyone else's award (or a revoked or
    /// unknown one) is "not found", so the answer tells nothing about whose awards exist. Returns the badge, or null.
    /// </summary>
    public async Task<Badge?> ShareAsync(Guid awardId, Guid staffId, bool makePublic, string? by, CancellationToken cancellationToken = default)
    {
        if (await OwnAsync(awardId, staffId, cancellationToken) is not { } award)
        {
            return null;
        }

        if (award.IsPublic != makePublic)
        {
            award.IsPublic = makePublic;
            // A person opening their record to the world is worth a line in the audit (same transaction).
            db.Audit.Add(new GameAuditEntry
            {
                Action = makePublic ? "award-made-public" : "award-made-private",
                AwardId = award.Id,
                BadgeId = award.BadgeId,
                StaffId = staffId,
                By = by,
                At = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await db.Badges.AsNoTracking().FirstAsync(b => b.Id == award.BadgeId, cancellationToken);
    }

    /// <summary>A public award with its badge; null when it is private, revoked or unknown (the caller shows one and the same 404).</summary>
    public async Task<EarnedBadge?> PublicAsync(Guid awardId, CancellationToken cancellationToken = default) =>
        await (from a in db.Awards.AsNoTracking()
               join b in db.Badges.AsNoTracking() on a.BadgeId equals b.Id
               where a.Id == awardId && a.IsPublic && a.RevokedAt == null
               select new EarnedBadge(a, b)).FirstOrDefaultAsync(cancellationToken);
}
