using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Framework.Data;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.Learn;

/// <summary>
/// Records that a person completed an activity, together with what they submitted, and completes
/// the course when that was the last required activity. Exactly once: the unique indexes refuse a
/// second completion, and the course is completed by a conditional update that only one caller wins.
/// Events go out after the save.
/// </summary>
internal sealed class CompletionRecorder(LearningDbContext db, IMediator mediator)
{
    /// <param name="submission">Rows saved with the completion (a reflection, survey answers), in the same transaction.</param>
    public async Task<(bool Recorded, bool CourseCompleted, int Percent)> RecordAsync(
        LearnerCourse learner, PublishedActivity activity, DateTimeOffset at, object? submission, CancellationToken cancellationToken)
    {
        var course = learner.Course;
        if (learner.Progress.IsDone(activity.Id))
        {
            return (false, learner.Enrolment.CompletedAt is not null, learner.Progress.Percent);
        }

        if (submission is not null)
        {
            db.Add(submission);
        }

        db.Completions.Add(new ActivityCompletion
        {
            Id = Guid.CreateVersion7(),
            StaffId = learner.Enrolment.StaffId,
            CourseId = course.Id,
            ActivityId = activity.Id,
            Kind = activity.Kind,
            CourseVersion = course.Version,
            CompletedAt = at,
        });
        var enrolment = await db.Enrolments.FirstAsync(e => e.Id == learner.Enrolment.Id, cancellationToken);
        enrolment.StartedAt ??= at;
        enrolment.LastActivityAt = at > enrolment.LastActivityAt ? at : enrolment.LastActivityAt ?? at;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request (a second tab, a double click) recorded it first: one completion, one event.
            db.ChangeTracker.Clear();
            var current = await new LearnerCourses(db, mediator).FindAsync(learner.Enrolment.StaffId, course.Id, cancellationToken);
            return (false, current?.Enrolment.CompletedAt is not null, current?.Progress.Percent ?? learner.Progress.Percent);
        }

        db.ChangeTracker.Clear();
        await mediator.Publish(new ActivityCompleted(enrolment.StaffId, course.Id, course.Version, activity.Id, activity.Kind, at), CancellationToken.None);

        var done = (await db.Completions.AsNoTracking().Where(c => c.StaffId == enrolment.StaffId && c.CourseId == course.Id)
            .Select(c => c.ActivityId).ToListAsync(cancellationToken)).ToHashSet();
        var progress = new CourseProgress(course, done, enrolment.CompletedAt is not null);
        if (!progress.AllRequiredDone || enrolment.CompletedAt is not null)
        {
            return (true, enrolment.CompletedAt is not null, progress.Percent);
        }

        var won = await db.Enrolments.Where(e => e.Id == enrolment.Id && e.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedAt, at).SetProperty(e => e.CompletedVersion, course.Version), cancellationToken);
        if (won == 1)
        {
            await mediator.Publish(new CourseCompleted(enrolment.StaffId, course.Id, course.Version, at), CancellationToken.None);
        }

        return (true, true, 100);
    }
}
