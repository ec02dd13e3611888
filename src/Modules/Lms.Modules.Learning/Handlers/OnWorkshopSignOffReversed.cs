using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Modules.Learning.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Handlers;

/// <summary>
/// A facilitator reversed a mistaken sign-off: the workshop activity is not done after all, and a course it
/// had completed is in progress again. The only way a completion is ever taken back; the Workshops module audits it.
/// </summary>
internal sealed class OnWorkshopSignOffReversed(LearningDbContext db, IMediator mediator) : INotificationHandler<WorkshopSignOffReversed>
{
    public async Task Handle(WorkshopSignOffReversed notification, CancellationToken cancellationToken)
    {
        var completion = await db.Completions.FirstOrDefaultAsync(
            c => c.StaffId == notification.StaffId && c.ActivityId == notification.ActivityId && c.Kind == ActivityKind.Workshop, cancellationToken);
        if (completion is null)
        {
            return; // Never recorded, or already taken back: nothing to do, twice or not.
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Completions.Remove(completion);
        await db.SaveChangesAsync(cancellationToken);
        var reopened = await db.Enrolments.Where(e => e.StaffId == notification.StaffId && e.CourseId == completion.CourseId && e.CompletedAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedAt, (DateTimeOffset?)null).SetProperty(e => e.CompletedVersion, (int?)null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await mediator.Publish(new ActivityCompletionReversed(notification.StaffId, completion.CourseId, completion.ActivityId, reopened > 0, notification.ReversedAt), CancellationToken.None);
    }
}
