using Lms.Contracts.Courses;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.PublishCourse;

/// <param name="Version">The version learners now get (new or, when nothing changed, the current one).</param>
internal sealed record PublishResult(PublishOutcome Outcome, int? Version, IReadOnlyList<CourseProblem> Problems)
{
    public bool Succeeded => Outcome is PublishOutcome.Published or PublishOutcome.Unchanged;
}

internal enum PublishOutcome
{
    Published,
    Unchanged,
    Invalid,
    Conflict,
    NotFound,
}

/// <summary>
/// Freezes a course's draft as its next version. Publishing a draft identical to the last version
/// makes no new version, so a recipe that runs again changes nothing.
/// </summary>
public sealed class CoursePublisher(CoursesDbContext db, IMediator mediator, TimeProvider clock)
{
    /// <returns>The new version number, or null when the draft was already the published version.</returns>
    internal async Task<int?> PublishAsync(Guid courseId, string? actor, CancellationToken cancellationToken)
    {
        var result = await TryPublishAsync(courseId, actor, null, cancellationToken);
        return result.Outcome switch
        {
            PublishOutcome.Published => result.Version,
            PublishOutcome.Unchanged => null,
            PublishOutcome.NotFound => throw new InvalidOperationException($"Course {courseId} does not exist."),
            _ => throw new InvalidOperationException($"The course cannot be published: {string.Join(" ", result.Problems)}"),
        };
    }

    /// <param name="expectedRevision">The draft revision the publisher looked at; null to publish whatever the draft is now.</param>
    internal async Task<PublishResult> TryPublishAsync(Guid courseId, string? actor, int? expectedRevision, CancellationToken cancellationToken)
    {
        var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
        {
            return new(PublishOutcome.NotFound, null, []);
        }

        if (expectedRevision is { } expected && expected != course.DraftRevision)
        {
            return new(PublishOutcome.Conflict, course.PublishedVersion, []);
        }

        var problems = CourseRules.Check(CourseContent.FromJson(course.DraftJson)).ToList();
        if (problems.Count > 0)
        {
            return new(PublishOutcome.Invalid, course.PublishedVersion, problems);
        }

        var latest = await db.Versions.AsNoTracking().Where(v => v.CourseId == courseId)
            .OrderByDescending(v => v.Version).Select(v => new { v.Version, v.ContentJson }).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.ContentJson == course.DraftJson)
        {
            if (course.Status != CourseStatus.Published || course.PublishedVersion != latest.Version || course.PublishedRevision != course.DraftRevision || course.ReviewRequestedAt is not null)
            {
                // An archived course brought back as it was: the same version again, not a copy of it.
                (course.Status, course.PublishedVersion, course.PublishedRevision) = (CourseStatus.Published, latest.Version, course.DraftRevision);
                (course.ReviewRequestedAt, course.ReviewRequestedBy) = (null, null);
                await db.SaveChangesAsync(cancellationToken);
            }

            return new(PublishOutcome.Unchanged, latest.Version, []);
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
        (course.PublishedVersion, course.PublishedRevision, course.Status) = (version, course.DraftRevision, CourseStatus.Published);
        (course.ReviewRequestedAt, course.ReviewRequestedBy) = (null, null);
        course.UpdatedAt = now;
        course.UpdatedBy = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || Lms.Framework.Data.DbErrors.IsUniqueViolation(e))
        {
            // Someone changed the draft or published it in the same moment: they won; nothing of ours was written.
            db.ChangeTracker.Clear();
            return new(PublishOutcome.Conflict, null, []);
        }

        await mediator.Publish(new CoursePublished(courseId, version, now), CancellationToken.None);
        return new(PublishOutcome.Published, version, []);
    }
}
