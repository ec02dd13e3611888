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
internal sealed class CompletionRecorder(LearningDbContext db, IMediator mediator, LearnerCourses courses)
{
    /// <param name="submission">Rows saved with the completion (a reflection, survey answers), in the same transaction.</param>
    public async Task<(bool Recorded, bool CourseCompleted, int Percent)> RecordAsync(
        LearnerCourse learner, PublishedActivity activity, DateTimeOffset at, object? submission, CancellationToken cancellationToken)
    {
        var course = learner.Course;
        if (learner.Progress.IsDone(activity.Id))
        {
            // Already done: still make sure the course got completed (a request cut off earlier may have missed it).
            return (false, await CompleteCourseIfDoneAsync(learner.Enrolment.StaffId, course, at), learner.Progress.Percent);
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
        enrolment.LastActivityAt = enrolment.LastActivityAt is { } last && last > at ? last : at;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request (a second tab, a double click) recorded it first: one completion, one event.
            db.ChangeTracker.Clear();
            var current = await courses.FindAsync(learner.Enrolment.StaffId, course.Id, CancellationToken.None);
            return (false, await CompleteCourseIfDoneAsync(learner.Enrolment.StaffId, course, at), current?.Progress.Percent ?? learner.Progress.Percent);
        }

        // Saved: what follows must happen even if the caller has gone (a closed tab must not leave a course unfinished).
        db.ChangeTracker.Clear();
        await mediator.Publish(new ActivityCompleted(enrolment.StaffId, course.Id, course.Version, activity.Id, activity.Kind, at), CancellationToken.None);
        var done = await DoneAsync(enrolment.StaffId, course.Id);
        var completed = enrolment.CompletedAt is not null || await CompleteIfAllDoneAsync(enrolment.Id, enrolment.StaffId, course, done, at);
        return (true, completed, new CourseProgress(course, done, completed).Percent);
    }

    /// <summary>
    /// Completes the course if every required activity of its current version is done and it is not
    /// complete yet: one conditional update, so of any number of callers exactly one wins and publishes.
    /// </summary>
    /// <returns>Whether the course is complete now.</returns>
    public async Task<bool> CompleteCourseIfDoneAsync(Guid staffId, PublishedCourse course, DateTimeOffset at)
    {
        var enrolment = await db.Enrolments.AsNoTracking().Where(e => e.StaffId == staffId && e.CourseId == course.Id)
            .Select(e => new { e.Id, e.CompletedAt }).FirstOrDefaultAsync(CancellationToken.None);
        if (enrolment is null || enrolment.CompletedAt is not null)
        {
            return enrolment is not null;
        }

        return await CompleteIfAllDoneAsync(enrolment.Id, staffId, course, await DoneAsync(staffId, course.Id), at);
    }

    /// <param name="done">The person's completed activities of this course, as just read.</param>
    private async Task<bool> CompleteIfAllDoneAsync(Guid enrolmentId, Guid staffId, PublishedCourse course, IReadOnlySet<Guid> done, DateTimeOffset at)
    {
        if (!new CourseProgress(course, done, courseCompleted: false).AllRequiredDone)
        {
            return false;
        }

        var won = await db.Enrolments.Where(e => e.Id == enrolmentId && e.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedAt, at).SetProperty(e => e.CompletedVersion, course.Version), CancellationToken.None);
        if (won == 1)
        {
            await mediator.Publish(new CourseCompleted(staffId, course.Id, course.Version, at), CancellationToken.None);
        }

        return true;
    }

    private async Task<IReadOnlySet<Guid>> DoneAsync(Guid staffId, Guid courseId) =>
        (await db.Completions.AsNoTracking().Where(c => c.StaffId == staffId && c.CourseId == courseId)
            .Select(c => c.ActivityId).ToListAsync(CancellationToken.None)).ToHashSet();
}
