using Lms.Contracts.Workshops;
using MediatR;

namespace Lms.Modules.Learning.Handlers;

/// <summary>The Workshops module's sign-off after a session completes the workshop activity, as a facilitator's sign-off here does.</summary>
internal sealed class OnWorkshopCompleted(IMediator mediator) : INotificationHandler<WorkshopCompleted>
{
    public Task Handle(WorkshopCompleted notification, CancellationToken cancellationToken) =>
        mediator.Send(new Features.SignOffWorkshop.SignOffWorkshop(notification.ActivityId, [notification.StaffId], notification.CompletedAt), cancellationToken);
}
