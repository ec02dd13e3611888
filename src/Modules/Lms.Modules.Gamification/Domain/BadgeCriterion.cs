using System.Text.Json;
using System.Text.Json.Serialization;
using Lms.Contracts.Organization;

namespace Lms.Modules.Gamification.Domain;

/// <summary>The kinds of criteria a badge can have (their JSON names).</summary>
internal static class CriterionKinds
{
    public const string Workshop = "workshop";
    public const string Course = "course";
    public const string TierWorkshops = "tier-workshops";
    public const string Programme = "programme";
    public const string Points = "points";
    public const string AllOf = "all";
    public const string AnyOf = "any";

    public static readonly IReadOnlyList<string> All = [Workshop, Course, TierWorkshops, Programme, Points, AllOf, AnyOf];
}

/// <summary>
/// What earns a badge. A tree: leaves are completions (a workshop, a course, every workshop of a tier, the
/// Step-0 programme) or a points threshold; <c>all</c> / <c>any</c> combine their <see cref="Of"/>.
/// Stored as JSON on the badge, by id (recipes may name courses and activities by key; the recipe step resolves them).
/// </summary>
internal sealed record BadgeCriterion
{
    public required string Kind { get; init; }
    /// <summary>The workshop activity (kind <c>workshop</c>).</summary>
    public Guid? Activity { get; init; }
    /// <summary>The course (kind <c>course</c>).</summary>
    public Guid? Course { get; init; }
    /// <summary>The tier (kind <c>tier-workshops</c>).</summary>
    public StaffTier? Tier { get; init; }
    /// <summary>The threshold (kind <c>points</c>).</summary>
    public int? Points { get; init; }
    /// <summary>The parts of an <c>all</c> or <c>any</c>.</summary>
    public IReadOnlyList<BadgeCriterion>? Of { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BadgeCriterion? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<BadgeCriterion>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static BadgeCriterion ForWorkshop(Guid activityId) => new() { Kind = CriterionKinds.Workshop, Activity = activityId };

    public static BadgeCriterion ForCourse(Guid courseId) => new() { Kind = CriterionKinds.Course, Course = courseId };

    public static BadgeCriterion ForTierWorkshops(StaffTier tier) => new() { Kind = CriterionKinds.TierWorkshops, Tier = tier };

    public static BadgeCriterion ForProgramme() => new() { Kind = CriterionKinds.Programme };

    public static BadgeCriterion ForPoints(int points) => new() { Kind = CriterionKinds.Points, Points = points };

    public static BadgeCriterion AllOf(params BadgeCriterion[] parts) => new() { Kind = CriterionKinds.AllOf, Of = parts };

    public static BadgeCriterion AnyOf(params BadgeCriterion[] parts) => new() { Kind = CriterionKinds.AnyOf, Of = parts };

    /// <summary>Every leaf of the tree.</summary>
    public IEnumerable<BadgeCriterion> Leaves() =>
        Of is { } parts && Kind is CriterionKinds.AllOf or CriterionKinds.AnyOf ? parts.SelectMany(p => p.Leaves()) : [this];
}
