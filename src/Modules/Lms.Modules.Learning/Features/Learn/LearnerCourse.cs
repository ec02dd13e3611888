using Lms.Contracts.Courses;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.Learn;

/// <summary>A course as one learner has it: the current version, their enrolment and their progress.</summary>
internal sealed record LearnerCourse(PublishedCourse Course, Enrolment Enrolment, CourseProgress Progress);

public sealed class LearnerCourses(LearningDbContext db, IMediator mediator)
{
    /// <summary>
    /// The learner's current enrolments with progress: three queries whatever the number of courses
    /// and activities (enrolments, the published versions, the learner's completions).
    /// </summary>
    internal async Task<IReadOnlyList<LearnerCourse>> ListAsync(Guid staffId, CancellationToken cancellationToken)
    {
        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.StaffId == staffId && (e.WithdrawnAt == null || e.CompletedAt != null)).ToListAsync(cancellationToken);
        if (enrolments.Count == 0)
        {
            return [];
        }

        var courses = (await mediator.Send(new GetPublishedCourses(enrolments.Select(e => e.CourseId).ToList()), cancellationToken)).ToDictionary(c => c.Id);
        var completed = await CompletedAsync(staffId, null, cancellationToken);
        return enrolments.Where(e => courses.ContainsKey(e.CourseId))
            .Select(e => new LearnerCourse(courses[e.CourseId], e, new CourseProgress(courses[e.CourseId], completed, e.CompletedAt is not null)))
            .ToList();
    }

    /// <summary>The learner's courses as the home page and the API tell them: in the order to take them, dates in the site's time zone.</summary>
    internal async Task<IReadOnlyList<EnrolmentView>> ViewsAsync(Guid staffId, Domain.SiteCalendar calendar, CancellationToken cancellationToken)
    {
        var today = await calendar.TodayAsync(cancellationToken);
        var zone = await calendar.ZoneAsync(cancellationToken);
        return EnrolmentView.Order((await ListAsync(staffId, cancellationToken)).Select(c => EnrolmentView.From(c, today, zone))).ToList();
    }

    /// <summary>The course holding an activity, if the learner is enrolled in it; null otherwise (never someone else's data).</summary>
    internal async Task<LearnerCourse?> FindByActivityAsync(Guid staffId, Guid activityId, CancellationToken cancellationToken)
    {
        var course = await mediator.Send(new FindCourseOfActivity(activityId), cancellationToken);
        return course is null ? null : await LoadAsync(staffId, course, cancellationToken);
    }

    internal async Task<LearnerCourse?> FindAsync(Guid staffId, Guid courseId, CancellationToken cancellationToken)
    {
        var found = await mediator.Send(new GetPublishedCourses([courseId]), cancellationToken);
        var course = found.Count > 0 ? found[0] : null;
        return course is null ? null : await LoadAsync(staffId, course, cancellationToken);
    }

    /// <summary>A course's draft as a learner who has just enrolled would have it: nothing done, nothing stored.</summary>
    internal async Task<LearnerCourse?> PreviewAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var course = await mediator.Send(new GetCourseDraft(courseId), cancellationToken);
        return course is null
            ? null
            : new LearnerCourse(course, new Enrolment { CourseId = courseId, EnrolledAt = course.PublishedAt }, new CourseProgress(course, new HashSet<Guid>(), false));
    }

    private async Task<LearnerCourse?> LoadAsync(Guid staffId, PublishedCourse course, CancellationToken cancellationToken)
    {
        var enrolment = await db.Enrolments.AsNoTracking()
            .FirstOrDefaultAsync(e => e.StaffId == staffId && e.CourseId == course.Id && (e.WithdrawnAt == null || e.CompletedAt != null), cancellationToken);
        if (enrolment is null)
        {
            return null;
        }

        var completed = await CompletedAsync(staffId, course.Id, cancellationToken);
        return new LearnerCourse(course, enrolment, new CourseProgress(course, completed, enrolment.CompletedAt is not null));
    }

    private async Task<IReadOnlySet<Guid>> CompletedAsync(Guid staffId, Guid? courseId, CancellationToken cancellationToken)
    {
        var query = db.Completions.AsNoTracking().Where(c => c.StaffId == staffId);
        if (courseId is { } id)
        {
            query = query.Where(c => c.CourseId == id);
        }

        return (await query.Select(c => c.ActivityId).ToListAsync(cancellationToken)).ToHashSet();
    }
}
