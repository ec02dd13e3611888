using Lms.Contracts.Courses;

namespace Lms.Modules.Gamification.Domain;

/// <summary>A level: reached at <see cref="Threshold"/> points.</summary>
internal sealed record Level(int Threshold, string NameJa, string NameEn)
{
    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameJa;
}

/// <summary>
/// Site-wide rules of the game, edited by administrators. Points per activity kind are earned once per
/// completion (a quiz retaken after passing earns nothing more), and never more than <see cref="DailyCap"/> a day.
/// </summary>
internal sealed record GameSettings
{
    public int Lesson { get; init; } = 10;
    public int Quiz { get; init; } = 20;
    public int Reflection { get; init; } = 15;
    public int Survey { get; init; } = 5;
    public int Workshop { get; init; } = 50;
    /// <summary>Bonus when a whole course is completed.</summary>
    public int Course { get; init; } = 50;
    /// <summary>At most this many points a day (site clock); 0 means no cap.</summary>
    public int DailyCap { get; init; } = 150;
    /// <summary>Courses whose key starts with this make up the Step-0 programme (challenges, the programme criterion).</summary>
    public string ProgrammeKeyPrefix { get; init; } = "step0-";

    public IReadOnlyList<Level> Levels { get; init; } = DefaultLevels;

    public static readonly IReadOnlyList<Level> DefaultLevels =
    [
        new(0, "DX見習い", "DX apprentice"),
        new(100, "DX実践者", "DX practitioner"),
        new(300, "変革推進者", "Change promoter"),
        new(600, "変革リーダー", "Change leader"),
    ];

    public int PointsFor(ActivityKind kind) => kind switch
    {
        ActivityKind.Lesson => Lesson,
        ActivityKind.Quiz => Quiz,
        ActivityKind.Reflection => Reflection,
        ActivityKind.Survey => Survey,
        ActivityKind.Workshop => Workshop,
        _ => 0,
    };

    /// <summary>The level a total reaches, and the next one (null at the top).</summary>
    public (Level Current, Level? Next) LevelOf(int total)
    {
        var ordered = Levels.OrderBy(l => l.Threshold).ToList();
        var current = ordered[0];
        Level? next = null;
        foreach (var level in ordered)
        {
            if (total >= level.Threshold)
            {
                current = level;
            }
            else
            {
                next = level;
                break;
            }
        }

        return (current, next);
    }

    /// <summary>Reasons the settings cannot be saved, in English keys for the localiser (empty when valid).</summary>
    public IEnumerable<string> Problems()
    {
        int[] points = [Lesson, Quiz, Reflection, Survey, Workshop, Course];
        if (points.Any(p => p is < 0 or > 1000))
        {
            yield return "Points per activity must be between 0 and 1,000.";
        }

        if (DailyCap is < 0 or > 100000)
        {
            yield return "The daily cap must be between 0 and 100,000 (0: no cap).";
        }

        if (Levels.Count is < 1 or > 10)
        {
            yield return "Give between one and ten levels.";
        }
        else if (Levels.Min(l => l.Threshold) != 0)
        {
            yield return "The first level starts at 0 points.";
        }
        else if (Levels.Select(l => l.Threshold).Distinct().Count() != Levels.Count)
        {
            yield return "Two levels start at the same number of points.";
        }

        if (Levels.Any(l => string.IsNullOrWhiteSpace(l.NameJa) || l.NameJa.Length > 40 || l.NameEn.Length > 40))
        {
            yield return "Every level needs a Japanese name of at most 40 characters.";
        }

        if (string.IsNullOrWhiteSpace(ProgrammeKeyPrefix) || ProgrammeKeyPrefix.Length > 50)
        {
            yield return "Give the key prefix of the programme's courses.";
        }
    }
}
