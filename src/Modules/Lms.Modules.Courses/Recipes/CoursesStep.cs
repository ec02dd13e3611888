using System.Text.Json;
using Lms.Framework.Recipes;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Features.EditCourse;
using Lms.Modules.Courses.Features.PublishCourse;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Recipes;

/// <summary>
/// <c>{"name": "courses", "publish": true, "courses": [...]}</c>: creates or updates each course (by key)
/// and publishes it. A course whose content has not changed gets no new version, so running the recipe
/// again is a no-op. With <c>"publish": false</c> (what an export writes) the courses land as drafts for an
/// admin to review: learners see nothing until someone publishes.
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

        if (step.TryGetProperty("publish", out var publish) && publish.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return ["\"publish\" must be true or false."];
        }

        var duplicates = courses.GroupBy(c => c.Key).Where(g => g.Count() > 1).Select(g => $"course '{g.Key}' appears more than once.");
        return courses.SelectMany(Check).Concat(duplicates).ToList();
    }

    private static IEnumerable<string> Check(RecipeCourse course, int index)
    {
        var name = string.IsNullOrWhiteSpace(course.Key) ? $"course #{index + 1}" : $"course '{course.Key}'";
        if (!ContentKeys.IsValid(course.Key))
        {
            yield return $"{name}: needs a \"key\" of lower-case letters, digits and hyphens (2 to 60 characters).";
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
        var publish = !step.TryGetProperty("publish", out var flag) || flag.GetBoolean();
        foreach (var recipeCourse in Read(step))
        {
            var content = recipeCourse.ToContent();
            var json = content.ToJson();
            var course = await db.Courses.FirstOrDefaultAsync(c => c.Key == recipeCourse.Key, cancellationToken);
            var now = clock.GetUtcNow();
            var created = course is null;
            var changed = created || course!.DraftJson != json;
            if (course is null)
            {
                course = new Course { Id = recipeCourse.Id, Key = recipeCourse.Key, Title = recipeCourse.Title, DraftJson = json, CreatedAt = now, CreatedBy = actor };
                db.Courses.Add(course);
            }
            else if (changed)
            {
                course.DraftRevision++;
            }

            CourseDrafts.Apply(course, content, json);
            if (changed)
            {
                (course.UpdatedAt, course.UpdatedBy) = (now, actor);
            }

            await db.SaveChangesAsync(cancellationToken);
            var version = publish ? await publisher.PublishAsync(course.Id, actor, cancellationToken) : null;
            var detail = version is { } v ? $"published as version {v}" : publish ? "published version unchanged" : changed ? "draft saved" : "draft unchanged";
            context.Log.Add($"course '{recipeCourse.Key}': {detail}");
            context.Items.Add(new RecipeItem("course", course.Id.ToString(), recipeCourse.Title, created ? "created" : changed || version is not null ? "updated" : "unchanged", detail));
        }
    }

    private static List<RecipeCourse> Read(JsonElement step) =>
        step.TryGetProperty("courses", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.Deserialize<List<RecipeCourse>>(Json) ?? []
            : throw new JsonException("\"courses\" must be an array.");
}
