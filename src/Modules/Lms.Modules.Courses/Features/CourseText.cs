using Lms.Contracts.Courses;
using Lms.Contracts.Organization;

namespace Lms.Modules.Courses.Features;

/// <summary>English resource keys for what the CMS pages name (translated through the module's strings).</summary>
internal static class CourseText
{
    public static string Kind(ActivityKind kind) => kind switch
    {
        ActivityKind.Lesson => "Lesson",
        ActivityKind.Quiz => "Quiz",
        ActivityKind.Reflection => "Reflection",
        ActivityKind.Survey => "Survey",
        _ => "Workshop",
    };

    public static string Kind(string kind) => Enum.TryParse<ActivityKind>(kind, true, out var parsed) ? Kind(parsed) : kind;

    public static string Tier(StaffTier tier) => tier switch
    {
        StaffTier.Executive => "Executives",
        StaffTier.Manager => "Managers",
        _ => "General staff",
    };

    public static string Tier(string tier) => StaffTierNames.TryParse(tier, out var parsed) ? Tier(parsed) : tier;

    public static string Status(string status) => status switch
    {
        "published" => "Published",
        "archived" => "Archived",
        _ => "Draft (never published)",
    };

    public static readonly StaffTier[] Tiers = [StaffTier.General, StaffTier.Manager, StaffTier.Executive];
}
