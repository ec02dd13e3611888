using Lms.Modules.Gamification.Domain;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Progress;

/// <summary>What a ledger line was for, in words: the kind of activity and its title.</summary>
internal sealed class LedgerText(IStringLocalizer<GamificationStrings> T)
{
    public string Describe(LedgerLine line, CourseCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(catalog);
        var title = (line.ActivityId is { } a ? catalog.Activity(a)?.Activity.Title : null)
            ?? (line.CourseId is { } c ? catalog.Course(c)?.Title : null)
            ?? T["no longer published"].Value;
        return line.Kind switch
        {
            "lesson" => T["Lesson “{0}”", title].Value,
            "quiz" => T["Quiz “{0}”", title].Value,
            "reflection" => T["Reflection “{0}”", title].Value,
            "survey" => T["Survey “{0}”", title].Value,
            "workshop" => T["Workshop “{0}”", title].Value,
            "course" => T["Course completed: “{0}”", title].Value,
            PlayerProgressReader.Reversal => T["Taken back, as the completion was reversed: “{0}”", title].Value,
            _ => title,
        };
    }
}
