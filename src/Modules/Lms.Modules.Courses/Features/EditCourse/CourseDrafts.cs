using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Recipes;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.EditCourse;

internal enum DraftOutcome
{
    Saved,
    Unchanged,
    Invalid,
    Conflict,
    NotFound,
}

/// <param name="Revision">The draft's revision after the change: the next save must send it back.</param>
/// <param name="ConflictBy">Who saved the draft since the editor loaded it (when <see cref="Outcome"/> is Conflict).</param>
internal sealed record DraftResult(DraftOutcome Outcome, int Revision, IReadOnlyList<CourseProblem> Problems, string? ConflictBy = null, DateTimeOffset? ConflictAt = null)
{
    public bool Succeeded => Outcome is DraftOutcome.Saved or DraftOutcome.Unchanged;
}

/// <summary>
/// Every change an author makes goes through here: the draft is loaded as its recipe form (keys,
/// no ids), changed, checked and saved as a new revision. A save based on an older revision than the
/// stored one is refused, never merged, so one admin cannot silently overwrite another.
/// </summary>
public sealed class CourseDrafts(CoursesDbContext db, TimeProvider clock)
{
    internal async Task<DraftResult> ChangeAsync(Guid courseId, int expectedRevision, string? actor,
        Func<RecipeCourse, IEnumerable<CourseProblem>> change, CancellationToken cancellationToken)
    {
        var (course, refused) = await OpenAsync(courseId, expectedRevision, cancellationToken);
        if (course is null)
        {
            return refused!;
        }

        var working = RecipeOf(course);
        var problems = change(working).ToList();
        if (problems.Count > 0)
        {
            return new(DraftOutcome.Invalid, course.DraftRevision, problems);
        }

        var content = working.ToContent();
        problems = CourseRules.CheckDetails(content).ToList();
        if (problems.Count > 0)
        {
            return new(DraftOutcome.Invalid, course.DraftRevision, problems);
        }

        return await SaveAsync(course, content, actor, cancellationToken);
    }

    /// <summary>Replaces the whole draft (restoring a version, importing): same concurrency rule.</summary>
    internal async Task<DraftResult> ReplaceAsync(Guid courseId, int expectedRevision, string? actor, CourseContent content, CancellationToken cancellationToken)
    {
        var (course, refused) = await OpenAsync(courseId, expectedRevision, cancellationToken);
        return course is null ? refused! : await SaveAsync(course, content, actor, cancellationToken);
    }

    /// <summary>
    /// The course to change, tracked, if it exists and its draft is still at the revision the author
    /// read; otherwise why not (not found, or who changed it since).
    /// </summary>
    internal async Task<(Course? Course, DraftResult? Refused)> OpenAsync(Guid courseId, int expectedRevision, CancellationToken cancellationToken)
    {
        var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        return course is null ? (null, new(DraftOutcome.NotFound, 0, []))
            : course.DraftRevision != expectedRevision ? (null, new(DraftOutcome.Conflict, course.DraftRevision, [], course.UpdatedBy, course.UpdatedAt))
            : (course, null);
    }

    /// <summary>A course's draft in the form authors change it: the recipe model (keys, no ids).</summary>
    internal static RecipeCourse RecipeOf(Course course) => RecipeCourseExport.FromContent(course.Key!, CourseContent.FromJson(course.DraftJson));

    private async Task<DraftResult> SaveAsync(Course course, CourseContent content, string? actor, CancellationToken cancellationToken)
    {
        var json = content.ToJson();
        if (json == course.DraftJson)
        {
            return new(DraftOutcome.Unchanged, course.DraftRevision, []);
        }

        Apply(course, content, json);
        course.DraftRevision++;
        course.UpdatedAt = clock.GetUtcNow();
        course.UpdatedBy = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another save won the race between our check and our write: the same answer as a stale form.
            db.ChangeTracker.Clear();
            var winner = await db.Courses.AsNoTracking().FirstAsync(c => c.Id == course.Id, cancellationToken);
            return new(DraftOutcome.Conflict, winner.DraftRevision, [], winner.UpdatedBy, winner.UpdatedAt);
        }

        return new(DraftOutcome.Saved, course.DraftRevision, []);
    }

    /// <summary>Copies what the course list shows and filters on from the document to its columns.</summary>
    internal static void Apply(Course course, CourseContent content, string json)
    {
        course.DraftJson = json;
        course.Title = content.Title;
        course.Tiers = TierColumn(content);
    }

    internal static string TierColumn(CourseContent content) =>
        content.Tiers.Count == 0 ? "" : "," + string.Join(",", content.Tiers.Select(Contracts.Organization.StaffTierNames.ToApiValue)) + ",";
}
