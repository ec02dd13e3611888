using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Jobs;
using Lms.Modules.Gamification.Features.Awarding;
using Lms.Modules.Gamification.Features.Points;
using MediatR;

namespace Lms.Modules.Gamification.Jobs;

/// <summary>
/// <c>award-badges</c>: the reconciliation. Counts the points of every completion not yet in the ledger and
/// awards every badge to everyone who meets it, so a badge defined (or changed) today reaches those who
/// qualified long ago, and whatever a failed event handler lost is made good. Enqueued for just the
/// changed badges when an administrator saves one; runs nightly for all. Idempotent: a second run adds nothing.
/// </summary>
internal sealed class AwardBadgesJob(IMediator mediator, PointsReconciler points, BadgeAwarder awarder) : IRecurringJob
{
    public const string Id = "award-badges";
    private const int Batch = 1000;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var added = await points.ReconcileAsync(cancellationToken);
        var awarded = await AwardAsync(null, cancellationToken);
        return $"{added} points lines added, {awarded} badges awarded";
    }

    /// <summary>Retroactive awards of the given badges (after they were defined or their criteria changed).</summary>
    public async Task<string> RunForBadgesAsync(Guid[] badgeIds, CancellationToken cancellationToken)
    {
        var awarded = await AwardAsync(badgeIds, cancellationToken);
        return $"{awarded} badges awarded retroactively";
    }

    private async Task<int> AwardAsync(Guid[]? badgeIds, CancellationToken cancellationToken)
    {
        var everyone = (await mediator.Send(new GetStaffPlacements(), cancellationToken)).Where(p => p.IsActive).Select(p => p.StaffId).ToList();
        var awarded = 0;
        foreach (var chunk in everyone.Chunk(Batch))
        {
            awarded += (await awarder.AwardQualifiedAsync(chunk, badgeIds: badgeIds, reason: "retroactive", cancellationToken: cancellationToken)).Count;
        }

        return awarded;
    }
}
