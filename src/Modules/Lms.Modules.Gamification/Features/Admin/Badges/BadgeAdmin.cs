using Hangfire;
using Lms.Contracts.Gamification;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Jobs;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Badges;

/// <summary>
/// What the badge page does besides saving the definition: archiving (which must work even when the criteria
/// would no longer pass validation, e.g. after a course was withdrawn) and revoking one award.
/// </summary>
internal sealed class BadgeAdmin(GamificationDbContext db, IMediator mediator, IBackgroundJobClient jobs, TimeProvider clock, IStringLocalizer<GamificationStrings> T)
{
    /// <summary>Archives or brings back a badge; false when it does not exist. Brought back, it reaches those who qualified meanwhile.</summary>
    public async Task<bool> SetArchivedAsync(Guid badgeId, bool archived, string by, CancellationToken cancellationToken = default)
    {
        var badge = await db.Badges.FirstOrDefaultAsync(b => b.Id == badgeId, cancellationToken);
        if (badge is null)
        {
            return false;
        }

        if (badge.IsArchived == archived)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        badge.IsArchived = archived;
        badge.UpdatedAt = now;
        db.Audit.Add(new GameAuditEntry { Action = archived ? "badge-archived" : "badge-unarchived", BadgeId = badgeId, By = by, At = now });
        await db.SaveChangesAsync(cancellationToken);
        if (!archived)
        {
            jobs.Enqueue<AwardBadgesJob>(job => job.RunForBadgesAsync(new[] { badgeId }, CancellationToken.None));
        }

        return true;
    }

    /// <summary>Revokes one award with a reason; returns the problem in words, or null when done.</summary>
    public async Task<string?> RevokeAsync(Guid badgeId, Guid awardId, string? reason, string by, CancellationToken cancellationToken = default)
    {
        var why = (reason ?? "").Trim();
        if (why.Length == 0)
        {
            return T["Give the reason for revoking."];
        }

        if (why.Length > Bulk.BulkAwards.MaxReasonLength)
        {
            return T["The reason is at most 500 characters (now {0}).", why.Length];
        }

        var award = await db.Awards.FirstOrDefaultAsync(a => a.Id == awardId && a.BadgeId == badgeId, cancellationToken);
        if (award is null)
        {
            return T["This award no longer exists."];
        }

        if (award.RevokedAt is not null)
        {
            return T["This award was already revoked."];
        }

        var now = clock.GetUtcNow();
        award.RevokedAt = now;
        award.RevokedReason = why;
        award.RevokedBy = by;
        db.Audit.Add(new GameAuditEntry { Action = "award-revoked", BadgeId = badgeId, AwardId = awardId, StaffId = award.StaffId, Detail = why, By = by, At = now });
        await db.SaveChangesAsync(cancellationToken);
        await mediator.Publish(new BadgeRevoked(award.Id, award.StaffId, badgeId, why, now), cancellationToken);
        return null;
    }
}
