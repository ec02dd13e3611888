using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;
using Lms.Modules.Gamification.Features.Points;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Handlers;

// Each subscriber does a small local write in a scope of its own: the publisher's scope may live for a whole
// recipe (thousands of events), and one failed save must not leave a poisoned change tracker behind for the
// next event. A failure is logged by the isolating publisher and never touches the learning record; the
// nightly award-badges job reconciles whatever was lost.

internal sealed class OnActivityCompleted(IServiceScopeFactory scopes) : INotificationHandler<ActivityCompleted>
{
    public async Task Handle(ActivityCompleted notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (ledger, awarder) = (scope.ServiceProvider.GetRequiredService<PointsLedger>(), scope.ServiceProvider.GetRequiredService<BadgeAwarder>());
        await ledger.AddForActivityAsync(notification.StaffId, notification.CourseId, notification.ActivityId, notification.Kind, notification.CompletedAt, cancellationToken);
        var kind = notification.Kind == ActivityKind.Workshop ? EvidenceKinds.Workshop : EvidenceKinds.Activity;
        await awarder.AwardQualifiedAsync([notification.StaffId], new AwardEvidence(kind, notification.CourseId, notification.ActivityId, null, notification.CompletedAt), cancellationToken: cancellationToken);
    }
}

internal sealed class OnCourseCompleted(IServiceScopeFactory scopes) : INotificationHandler<CourseCompleted>
{
    public async Task Handle(CourseCompleted notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (ledger, awarder) = (scope.ServiceProvider.GetRequiredService<PointsLedger>(), scope.ServiceProvider.GetRequiredService<BadgeAwarder>());
        await ledger.AddForCourseAsync(notification.StaffId, notification.CourseId, notification.CompletedAt, cancellationToken);
        await awarder.AwardQualifiedAsync([notification.StaffId], new AwardEvidence(EvidenceKinds.Course, notification.CourseId, null, null, notification.CompletedAt), cancellationToken: cancellationToken);
    }
}

/// <summary>
/// The facilitator's sign-off. Learning completes the activity on the same event (and publishes
/// <see cref="ActivityCompleted"/>); whichever of the two reaches us first, the award ends up with the session as evidence.
/// </summary>
internal sealed class OnWorkshopCompleted(IServiceScopeFactory scopes) : INotificationHandler<WorkshopCompleted>
{
    public async Task Handle(WorkshopCompleted notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var awarder = scope.ServiceProvider.GetRequiredService<BadgeAwarder>();
        await awarder.AwardQualifiedAsync([notification.StaffId], new AwardEvidence(EvidenceKinds.Workshop, null, notification.ActivityId, notification.SessionId, notification.CompletedAt), cancellationToken: cancellationToken);
        if (notification.SessionId is { } session)
        {
            await awarder.AddSessionEvidenceAsync(notification.StaffId, notification.ActivityId, session, cancellationToken);
        }
    }
}

/// <summary>A reversed sign-off takes its points back. Badges already given stay (an administrator can revoke them).</summary>
internal sealed class OnActivityCompletionReversed(IServiceScopeFactory scopes) : INotificationHandler<ActivityCompletionReversed>
{
    public async Task Handle(ActivityCompletionReversed notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PointsLedger>().ReverseAsync(notification, cancellationToken);
    }
}
