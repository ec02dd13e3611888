using Lms.Contracts.Workshops;
using Lms.Modules.Learning.Features.Learn;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Learning.Handlers;

/// <summary>
/// The facilitator's sign-off completes the workshop activity. Attendance is a fact, so it counts even
/// where the course's order would still have the activity locked.
/// </summary>
internal sealed class OnWorkshopCompleted(LearnerCourses courses, CompletionRecorder recorder, ILogger<OnWorkshopCompleted> logger) : INotificationHandler<WorkshopCompleted>
{
    public async Task Handle(WorkshopCompleted notification, CancellationToken cancellationToken)
    {
        var learner = await courses.FindByActivityAsync(notification.StaffId, notification.ActivityId, cancellationToken);
        var activity = learner?.Course.FindActivity(notification.ActivityId);
        if (learner is null || activity?.Workshop is null)
        {
            logger.LogWarning("Workshop sign-off for {Staff} on {Activity} ignored: not a workshop of a course the person is enrolled in", notification.StaffId, notification.ActivityId);
            return;
        }

        await recorder.RecordAsync(learner, activity, notification.CompletedAt, null, cancellationToken);
    }
}
