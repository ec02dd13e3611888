using System.Text.Json;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Framework.Recipes;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Domain;
using Lms.Modules.Learning.Features.SyncEnrolments;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Recipes;

/// <summary>
/// <c>{"name": "course-assignments", "assignments": [{"course": "step0-core", "audience": "everyone", "dueInDays": 90}]}</c>.
/// Audience <c>everyone</c>, <c>tier</c> (with <c>tier</c>) or <c>orgUnit</c> (with <c>orgUnit</c>, a path, and
/// <c>includeSubUnits</c>, default true). Due date: <c>dueDate</c> (yyyy-MM-dd) or <c>dueInDays</c> from the day the
/// recipe runs. Running it again updates the same assignments, then enrols whoever they cover.
/// </summary>
internal sealed class CourseAssignmentsStep(LearningDbContext db, IMediator mediator, EnrolmentSync sync, SiteCalendar calendar, TimeProvider clock) : IRecipeStep
{
    public string Name => "course-assignments";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (!step.TryGetProperty("assignments", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield return "\"assignments\" must be an array.";
            yield break;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                yield return "every assignment must be an object.";
                continue;
            }

            var course = item.GetPropertyOrDefault("course");
            var audience = item.GetPropertyOrDefault("audience");
            if (string.IsNullOrWhiteSpace(course))
            {
                yield return "every assignment needs a \"course\" (the course's key).";
            }

            switch (audience)
            {
                case "everyone":
                    break;
                case "tier" when StaffTierNames.TryParse(item.GetPropertyOrDefault("tier"), out _):
                    break;
                case "orgUnit" when !string.IsNullOrWhiteSpace(item.GetPropertyOrDefault("orgUnit")):
                    break;
                default:
                    yield return $"assignment of '{course}': \"audience\" must be everyone, tier (with a valid \"tier\") or orgUnit (with an \"orgUnit\" path).";
                    break;
            }

            if (item.TryGetProperty("dueDate", out _) && !DateOnly.TryParseExact(item.GetPropertyOrDefault("dueDate"), "yyyy-MM-dd", out _))
            {
                yield return $"assignment of '{course}': \"dueDate\" must be a string yyyy-MM-dd.";
            }

            if (item.TryGetProperty("dueInDays", out var days) && (days.ValueKind != JsonValueKind.Number || !days.TryGetInt32(out _)))
            {
                yield return $"assignment of '{course}': \"dueInDays\" must be a whole number.";
            }

            if (item.TryGetProperty("includeSubUnits", out var sub) && sub.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                yield return $"assignment of '{course}': \"includeSubUnits\" must be true or false.";
            }
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var courses = (await mediator.Send(new GetPublishedCourses(), cancellationToken)).Where(c => c.Key is not null).ToDictionary(c => c.Key!);
        var units = (await mediator.Send(new GetOrgUnits(), cancellationToken)).ToDictionary(u => u.Path, u => u.Id);
        var today = await calendar.TodayAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var item in step.GetProperty("assignments").EnumerateArray())
        {
            var courseKey = item.GetProperty("course").GetString()!;
            var course = courses.GetValueOrDefault(courseKey)
                ?? throw new InvalidOperationException($"course '{courseKey}' is not published (run its \"courses\" step first).");
            var audience = item.GetProperty("audience").GetString()!;
            StaffTier? tier = audience == "tier" ? StaffTierNames.Parse(item.GetProperty("tier").GetString()) : null;
            Guid? unit = null;
            if (audience == "orgUnit")
            {
                var path = item.GetProperty("orgUnit").GetString()!;
                unit = units.TryGetValue(path, out var id) ? id : throw new InvalidOperationException($"org unit '{path}' does not exist.");
            }

            var key = $"{courseKey}:{audience}:{tier?.ToApiValue() ?? item.GetPropertyOrDefault("orgUnit") ?? "all"}";
            var assignment = await db.Assignments.FirstOrDefaultAsync(x => x.Key == key, cancellationToken);
            if (assignment is null)
            {
                assignment = new Assignment { Id = Guid.CreateVersion7(), Key = key, CreatedAt = now, CreatedBy = context.ExecutedBy ?? "recipe:" + context.RecipeName };
                db.Assignments.Add(assignment);
            }

            assignment.CourseId = course.Id;
            assignment.Audience = audience switch { "tier" => AssignmentAudience.Tier, "orgUnit" => AssignmentAudience.OrgUnit, _ => AssignmentAudience.Everyone };
            (assignment.Tier, assignment.OrgUnitId) = (tier, unit);
            assignment.IncludeSubUnits = !item.TryGetProperty("includeSubUnits", out var sub) || sub.GetBoolean();
            assignment.DueDate = item.TryGetProperty("dueDate", out var due) ? DateOnly.ParseExact(due.GetString()!, "yyyy-MM-dd")
                : item.TryGetProperty("dueInDays", out var days) ? today.AddDays(days.GetInt32()) : null;
            assignment.UpdatedAt = now;
            context.Log.Add($"'{courseKey}' assigned to {audience} {tier?.ToApiValue()}{item.GetPropertyOrDefault("orgUnit")}, due {assignment.DueDate?.ToString("yyyy-MM-dd") ?? "-"}");
        }

        await db.SaveChangesAsync(cancellationToken);
        var outcome = await sync.SyncAsync(null, cancellationToken);
        context.Log.Add($"{outcome.Enrolled} enrolled, {outcome.Updated} enrolments updated");
    }
}

internal static class JsonElementExtensions
{
    public static string? GetPropertyOrDefault(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
