namespace Lms.Modules.Gamification.Features.Social;

/// <summary>
/// How far a unit (and every unit below it) is through the Step-0 programme: the people who count (active,
/// enrolled in at least one programme course) and how many of them finished every programme course they are in.
/// A unit with fewer than <see cref="MinimumGroup"/> counted people shows no rate, so nobody can be singled out.
/// </summary>
public sealed record UnitStanding(Guid UnitId, string Name, string Path, int People, int Completed)
{
    public const int MinimumGroup = 5;

    public bool Suppressed => People < MinimumGroup;

    /// <summary>Rounded down, so a bar that says 80% has really reached 80%; null when suppressed.</summary>
    public int? Percent => Suppressed ? null : Completed * 100 / People;

    public bool Reached(int targetPercent) => !Suppressed && Completed * 100 >= targetPercent * People;

    /// <summary>Compares exact rates (cross-multiplied, no rounding): positive when this unit is further along.</summary>
    public int CompareRate(UnitStanding other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ((long)Completed * other.People).CompareTo((long)other.Completed * People);
    }
}

/// <summary>A unit in a ranking: equal rates share a rank (1, 2, 2, 4).</summary>
public sealed record RankedUnit(UnitStanding Unit, int Rank, bool IsMine)
{
    /// <summary>Ranks the units that show a rate; suppressed ones are left out (the caller says how many).</summary>
    public static IReadOnlyList<RankedUnit> RankAll(IEnumerable<UnitStanding> units, Guid? mine)
    {
        var shown = units.Where(u => !u.Suppressed).ToList();
        return shown
            .Select(u => new RankedUnit(u, 1 + shown.Count(o => o.CompareRate(u) > 0), u.UnitId == mine))
            .OrderBy(r => r.Rank).ThenBy(r => r.Unit.Path, StringComparer.Ordinal)
            .ToList();
    }
}
