using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;
using Lms.Modules.Gamification.Features.Points;
using MediatR;

namespace Lms.Modules.Gamification.Handlers;

// Each subscriber does a small local write. A failure here is logged by the isolating publisher and never
// touches the learning record; the nightly award-badges job reconciles whatever was lost.

internal sealed class OnActivityCompleted(PointsLedger ledger, BadgeAwarder awarder) : INotificationHandler<ActivityCompleted>
{
    public async Task Handle(ActivityCompleted notification, CancellationToken cancellationToken)
    {
        await ledger.AddForActivityAsync(notification.StaffId, notification.CourseId, notification.ActivityId, notification.Kind, notification.CompletedAt, cancellationToken);
        var kind = notification.Kind == ActivityKind.Workshop ? EvidenceKinds.Workshop : EvidenceKinds.Activity;
        await awarder.AwardQualifiedAsync([notification.StaffId], new AwardEvidence(kind, notification.CourseId, notification.ActivityId, null, notification.CompletedAt), cancellationToken: cancellationToken);
    }
}

internal sealed class OnCourseCompleted(PointsLedger ledger, BadgeAwarder awarder) : INotificationHandler<CourseCompleted>
{
    public async Task Handle(CourseCompleted notification, CancellationToken cancellationToken)
    {
        await ledger.AddForCourseAsync(notification.StaffId, notification.CourseId, notification.CompletedAt, cancellationToken);
        await awarder.AwardQualifiedAsync([notification.StaffId], new AwardEvidence(EvidenceKinds.Course, notification.CourseId, null, null, notification.CompletedAt), cancellationToken: cancellationToken);
    }
}

/// <summary>
/// The facilitator's sign-off. Learning completes the activity on the same event (and publishes
/// <see cref="ActivityCompleted"/>); whichever of the two reaches us first, the award ends up with the session as evidence.
/// </summary>
internal sealed class OnWorkshopCompleted(BadgeAwarder awarder) : INotificationHandler<WorkshopCompleted>
{
    public async Task Handle(WorkshopCompleted notification, CancellationToken cancellationToken)
    {
        await awarder.AwardQualifiedAsync([notification.StaffId], new AwardEvidence(EvidenceKinds.Workshop, null, notification.ActivityId, notification.SessionId, notification.CompletedAt), cancellationToken: cancellationToken);
        if (notification.SessionId is { } session)
        {
            await awarder.AddSessionEvidenceAsync(notification.StaffId, notification.ActivityId, session, cancellationToken);
        }
    }
}

/// <summary>A reversed sign-off takes its points back. Badges already given stay (an administrator can revoke them).</summary>
internal sealed class OnActivityCompletionReversed(PointsLedger ledger) : INotificationHandler<ActivityCompletionReversed>
{
    public Task Handle(ActivityCompletionReversed notification, CancellationToken cancellationToken) =>
        ledger.ReverseAsync(notification, cancellationToken);
}
