using Lms.Contracts.Courses;

namespace Lms.Modules.Learning.Features.Learn;

/// <summary>English resource keys for activity kinds (translated through the module's strings).</summary>
internal static class KindText
{
    public static string Of(ActivityKind kind) => kind switch
    {
        ActivityKind.Lesson => "Lesson",
        ActivityKind.Quiz => "Quiz",
        ActivityKind.Reflection => "Reflection",
        ActivityKind.Survey => "Survey",
        _ => "Workshop",
    };
}
