using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Recipes;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.ExportCourses;

/// <summary>
/// Writes courses as a recipe with one <c>courses</c> step (<c>"publish": false</c>), the same format
/// the Step-0 curriculum is installed from: running it on another site brings the courses in as drafts.
/// </summary>
public sealed class CourseExport(CoursesDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    private static readonly string[] Common = ["key", "kind", "title", "estimatedMinutes", "required"];

    private static readonly Dictionary<string, string[]> ByKind = new()
    {
        ["lesson"] = ["body", "videoUrl", "attachmentUrl", "attachmentName"],
        ["quiz"] = ["intro", "passPercent", "attemptsAllowed", "shuffle", "questions"],
        ["reflection"] = ["prompt", "minLength", "shareWithFacilitator"],
        ["survey"] = ["instrument", "phase", "intro", "scale", "items"],
        ["workshop"] = ["description", "facilitatorNotes", "durationMinutes", "delivery"],
    };

    /// <summary>The drafts of the given courses (all when null), or null when one of them does not exist.</summary>
    internal async Task<string?> ExportAsync(IReadOnlyCollection<Guid>? courseIds, CancellationToken cancellationToken)
    {
        var query = db.Courses.AsNoTracking();
        if (courseIds is not null)
        {
            query = query.Where(c => courseIds.Contains(c.Id));
        }

        var courses = await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Key).Select(c => new { c.Key, c.Title, c.DraftJson }).ToListAsync(cancellationToken);
        if (courseIds is not null && courses.Count != courseIds.Distinct().Count())
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var course in courses)
        {
            list.Add(ToNode(RecipeCourseExport.FromContent(course.Key!, CourseContent.FromJson(course.DraftJson))));
        }

        var name = courses.Count == 1 ? courses[0].Key! : "courses";
        var recipe = new JsonObject
        {
            ["name"] = $"export-{name}",
            ["displayName"] = courses.Count == 1 ? courses[0].Title : $"{courses.Count} courses",
            ["description"] = $"Exported {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC. Running it brings the courses in as drafts.",
            ["steps"] = new JsonArray(new JsonObject { ["name"] = "courses", ["publish"] = false, ["courses"] = list }),
        };
        return recipe.ToJsonString(Json);
    }

    private static JsonNode ToNode(RecipeCourse course)
    {
        var node = JsonSerializer.SerializeToNode(course, Json)!.AsObject();
        node.Remove("id");
        foreach (var activity in node["sections"]!.AsArray().SelectMany(s => s!["activities"]!.AsArray()).Select(a => a!.AsObject()))
        {
            var kind = (string)activity["kind"]!;
            var keep = Common.Concat(ByKind.GetValueOrDefault(kind, [])).ToHashSet();
            foreach (var name in activity.Select(p => p.Key).Where(n => !keep.Contains(n)).ToList())
            {
                activity.Remove(name);
            }
        }

        return node;
    }
}
