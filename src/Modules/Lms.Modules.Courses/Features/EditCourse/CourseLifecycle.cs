using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Recipes;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.EditCourse;

internal sealed record CreatedCourse(Guid? Id, IReadOnlyList<CourseProblem> Problems);

/// <summary>Creating, copying, archiving a course, asking for review and restoring an old version as the draft.</summary>
public sealed class CourseLifecycle(CoursesDbContext db, CourseDrafts drafts, TimeProvider clock)
{
    internal async Task<CreatedCourse> CreateAsync(string? title, string? key, IReadOnlyCollection<StaffTier> tiers, string firstSectionTitle, string? actor, CancellationToken cancellationToken)
    {
        key = string.IsNullOrWhiteSpace(key) ? ContentKeys.New("course") : key.Trim();
        if (string.IsNullOrWhiteSpace(title))
        {
            return new(null, [new("The course needs a title.")]);
        }

        if (!ContentKeys.IsValid(key))
        {
            return new(null, [new("The identifier may use lower-case letters, digits and hyphens (2 to 60 characters).")]);
        }

        if (await db.Courses.AnyAsync(c => c.Key == key, cancellationToken))
        {
            return new(null, [new("Another course already has the identifier \"{0}\".", key)]);
        }

        var recipe = new RecipeCourse
        {
            Key = key,
            Title = title.Trim(),
            Tiers = tiers.Distinct().Order().Select(t => t.ToApiValue()).ToList(),
            Sequential = true,
            Sections = [new RecipeSection { Key = ContentKeys.New("section"), Title = firstSectionTitle }],
        };
        return await AddAsync(recipe, actor, cancellationToken);
    }

    /// <summary>A copy is a new course (new key, so new ids): nobody's progress in the original moves to it.</summary>
    internal async Task<CreatedCourse> DuplicateAsync(Guid courseId, string titleFormat, string? actor, CancellationToken cancellationToken)
    {
        var source = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (source is null)
        {
            return new(null, [new("This part of the course no longer exists. Reload the page.")]);
        }

        var recipe = RecipeCourseExport.FromContent(ContentKeys.New("course"), CourseContent.FromJson(source.DraftJson));
        recipe.Title = string.Format(System.Globalization.CultureInfo.CurrentCulture, titleFormat, recipe.Title);
        if (recipe.Title.Length > 200)
        {
            recipe.Title = recipe.Title[..200];
        }

        return await AddAsync(recipe, actor, cancellationToken);
    }

    private async Task<CreatedCourse> AddAsync(RecipeCourse recipe, string? actor, CancellationToken cancellationToken)
    {
        var content = recipe.ToContent();
        var now = clock.GetUtcNow();
        var course = new Course { Id = recipe.Id, Key = recipe.Key, Title = content.Title, DraftJson = "", CreatedAt = now, CreatedBy = actor, UpdatedAt = now, UpdatedBy = actor };
        CourseDrafts.Apply(course, content, content.ToJson());
        db.Courses.Add(course);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return new(null, [new("Another course already has the identifier \"{0}\".", recipe.Key)]);
        }

        return new(course.Id, []);
    }

    /// <summary>Learners no longer see an archived course; its versions and everyone's progress stay, and publishing brings it back.</summary>
    internal async Task<bool> ArchiveAsync(Guid courseId, string? actor, CancellationToken cancellationToken)
    {
        var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
        {
            return false;
        }

        if (course.Status != CourseStatus.Archived)
        {
            (course.Status, course.UpdatedAt, course.UpdatedBy) = (CourseStatus.Archived, clock.GetUtcNow(), actor);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    internal async Task<DraftResult> RequestReviewAsync(Guid courseId, int expectedRevision, string? actor, CancellationToken cancellationToken)
    {
        var (course, refused) = await drafts.OpenAsync(courseId, expectedRevision, cancellationToken);
        if (course is null)
        {
            return refused!;
        }

        var problems = CourseRules.Check(CourseContent.FromJson(course.DraftJson)).ToList();
        if (problems.Count > 0)
        {
            return new(DraftOutcome.Invalid, course.DraftRevision, problems);
        }

        (course.ReviewRequestedAt, course.ReviewRequestedBy) = (clock.GetUtcNow(), actor);
        await db.SaveChangesAsync(cancellationToken);
        return new(DraftOutcome.Saved, course.DraftRevision, []);
    }

    /// <summary>An old version becomes the draft again (ids come from keys, so progress on its activities still counts once published).</summary>
    internal async Task<DraftResult> RestoreAsync(Guid courseId, int version, int expectedRevision, string? actor, CancellationToken cancellationToken)
    {
        var stored = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.CourseId == courseId && v.Version == version, cancellationToken);
        return stored is null
            ? new(DraftOutcome.NotFound, 0, [])
            : await drafts.ReplaceAsync(courseId, expectedRevision, actor, CourseContent.FromJson(stored.ContentJson), cancellationToken);
    }
}
