using Lms.Contracts.Courses;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.Learn;

/// <summary>
/// Completes the courses whose required activities are all done but that are not marked complete:
/// after a new version dropped the last activity someone had left, or a crash between saving an
/// activity and completing its course. Reads the completions of unfinished enrolments in one query.
/// </summary>
internal sealed class CourseCompletionSweep(LearningDbContext db, IMediator mediator, CompletionRecorder recorder, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var courses = (await mediator.Send(new GetPublishedCourses(), cancellationToken)).ToDictionary(c => c.Id);
        var open = await db.Enrolments.AsNoTracking().Where(e => e.CompletedAt == null && e.WithdrawnAt == null)
            .Select(e => new { e.StaffId, e.CourseId }).ToListAsync(cancellationToken);
        var done = (await (from c in db.Completions.AsNoTracking()
                           join e in db.Enrolments.AsNoTracking() on new { c.StaffId, c.CourseId } equals new { e.StaffId, e.CourseId }
                           where e.CompletedAt == null && e.WithdrawnAt == null
                           select new { c.StaffId, c.CourseId, c.ActivityId }).ToListAsync(cancellationToken))
            .ToLookup(c => (c.StaffId, c.CourseId), c => c.ActivityId);
        var completed = 0;
        foreach (var enrolment in open.Where(e => courses.ContainsKey(e.CourseId)))
        {
            var course = courses[enrolment.CourseId];
            if (new CourseProgress(course, done[(enrolment.StaffId, enrolment.CourseId)].ToHashSet(), false).AllRequiredDone
                && await recorder.CompleteCourseIfDoneAsync(enrolment.StaffId, course, clock.GetUtcNow()))
            {
                completed++;
            }
        }

        return completed;
    }
}
