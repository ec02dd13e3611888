using Lms.Contracts.Courses;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.PublishCourse;

/// <summary>
/// Freezes a course's draft as its next version. Publishing a draft identical to the last version
/// makes no new version, so a recipe that runs again changes nothing.
/// </summary>
internal sealed class CoursePublisher(CoursesDbContext db, IMediator mediator, TimeProvider clock)
{
    /// <returns>The new version number, or null when the draft was already the published version.</returns>
    public async Task<int?> PublishAsync(Guid courseId, string? actor, CancellationToken cancellationToken)
    {
        var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw new InvalidOperationException($"Course {courseId} does not exist.");
        var problems = CourseRules.Check(CourseContent.FromJson(course.DraftJson)).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Course '{course.Title}' cannot be published: {string.Join(" ", problems)}");
        }

        var latest = await db.Versions.AsNoTracking().Where(v => v.CourseId == courseId)
            .OrderByDescending(v => v.Version).Select(v => new { v.Version, v.ContentJson }).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.ContentJson == course.DraftJson)
        {
            if (course.Status != CourseStatus.Published || course.PublishedVersion != latest.Version)
            {
                // An archived course brought back as it was: the same version again, not a copy of it.
                (course.Status, course.PublishedVersion) = (CourseStatus.Published, latest.Version);
                await db.SaveChangesAsync(cancellationToken);
            }

            return null;
        }

        var now = clock.GetUtcNow();
        var version = (latest?.Version ?? 0) + 1;
        db.Versions.Add(new CourseVersion
        {
            Id = Guid.CreateVersion7(),
            CourseId = courseId,
            Version = version,
            ContentJson = course.DraftJson,
            PublishedAt = now,
            PublishedBy = actor,
        });
        course.PublishedVersion = version;
        course.Status = CourseStatus.Published;
        course.UpdatedAt = now;
        course.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);

        await mediator.Publish(new CoursePublished(courseId, version, now), CancellationToken.None);
        return version;
    }
}
