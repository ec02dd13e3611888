using System.Text.Json;
using Lms.Framework.Recipes;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Features.PublishCourse;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Recipes;

/// <summary>
/// <c>{"name": "courses", "courses": [...]}</c>: creates or updates each course (by key) and publishes
/// it. A course whose content has not changed gets no new version, so running the recipe again is a no-op.
/// </summary>
internal sealed class CoursesStep(CoursesDbContext db, CoursePublisher publisher, TimeProvider clock) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "courses";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        List<RecipeCourse> courses;
        try
        {
            courses = Read(step);
        }
        catch (JsonException e)
        {
            return [$"\"courses\" is not in the expected shape: {e.Message}"];
        }

        var duplicates = courses.GroupBy(c => c.Key).Where(g => g.Count() > 1).Select(g => $"course '{g.Key}' appears more than once.");
        return courses.SelectMany(Check).Concat(duplicates).ToList();
    }

    private static IEnumerable<string> Check(RecipeCourse course, int index)
    {
        var name = string.IsNullOrWhiteSpace(course.Key) ? $"course #{index + 1}" : $"course '{course.Key}'";
        if (string.IsNullOrWhiteSpace(course.Key))
        {
            yield return $"{name}: needs a \"key\".";
            yield break;
        }

        foreach (var problem in course.TierProblems())
        {
            yield return $"{name}: {problem}";
        }

        var activities = course.Sections.SelectMany(s => s.Activities).ToList();
        foreach (var activity in activities.Where(a => !a.TryGetKind(out _)))
        {
            yield return $"{name}: activity '{activity.Key}' has an unknown kind '{activity.Kind}' (lesson, quiz, reflection, survey, workshop).";
        }

        foreach (var key in activities.GroupBy(a => a.Key).Where(g => g.Count() > 1 || string.IsNullOrWhiteSpace(g.Key)).Select(g => g.Key))
        {
            yield return $"{name}: every activity needs a key of its own ('{key}').";
        }

        if (course.TierProblems().Any() || activities.Any(a => !a.TryGetKind(out _)))
        {
            yield break;
        }

        foreach (var problem in CourseRules.Check(course.ToContent()))
        {
            yield return $"{name}: {problem}";
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.ExecutedBy ?? "recipe:" + context.RecipeName;
        foreach (var recipeCourse in Read(step))
        {
            var json = recipeCourse.ToContent().ToJson();
            var course = await db.Courses.FirstOrDefaultAsync(c => c.Key == recipeCourse.Key, cancellationToken);
            var now = clock.GetUtcNow();
            if (course is null)
            {
                course = new Course { Id = recipeCourse.Id, Key = recipeCourse.Key, Title = recipeCourse.Title, DraftJson = json, CreatedAt = now };
                db.Courses.Add(course);
            }
            else if (course.DraftJson != json)
            {
                (course.DraftJson, course.Title) = (json, recipeCourse.Title);
                course.DraftRevision++;
            }

            course.UpdatedAt = now;
            course.UpdatedBy = actor;
            await db.SaveChangesAsync(cancellationToken);
            var version = await publisher.PublishAsync(course.Id, actor, cancellationToken);
            context.Log.Add(version is { } v ? $"course '{recipeCourse.Key}' published as version {v}" : $"course '{recipeCourse.Key}' unchanged");
        }
    }

    private static List<RecipeCourse> Read(JsonElement step) =>
        step.TryGetProperty("courses", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.Deserialize<List<RecipeCourse>>(Json) ?? []
            : throw new JsonException("\"courses\" must be an array.");
}
