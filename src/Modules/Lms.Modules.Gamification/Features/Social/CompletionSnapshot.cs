namespace Lms.Modules.Gamification.Features.Social;

/// <summary>An org unit as the social pages need it: its place in the tree (from its path).</summary>
internal sealed record OrgUnitNode(Guid Id, string Path, string Name, Guid? ParentId);

/// <summary>Where an active person sits: their unit, its department (top unit) and section (the unit just below the department).</summary>
internal sealed record StaffSeat(Guid UnitId, Guid DepartmentId, Guid? SectionId);

/// <summary>A counted person: the units they belong to (their own first) and when they finished the programme, if they have.</summary>
internal sealed record CountedPerson(IReadOnlyList<Guid> Ancestry, DateTimeOffset? CompletedAt);

/// <summary>
/// The org chart, where every active person sits and who finished the Step-0 programme, taken at one moment.
/// Immutable, so one instance serves every request while it is cached; rates for any moment are
/// computed from it in memory.
/// </summary>
internal sealed class CompletionSnapshot
{
    private readonly IReadOnlyList<CountedPerson> people;
    private readonly ILookup<Guid, OrgUnitNode> children;

    public CompletionSnapshot(IReadOnlyList<OrgUnitNode> units, IReadOnlyDictionary<Guid, StaffSeat> seats, IReadOnlyList<CountedPerson> people, DateTimeOffset computedAt)
    {
        Units = units.ToDictionary(u => u.Id);
        Departments = units.Where(u => u.ParentId is null).ToList();
        Seats = seats;
        this.people = people;
        children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        ComputedAt = computedAt;
        Current = StandingsAsOf(null);
    }

    public IReadOnlyDictionary<Guid, OrgUnitNode> Units { get; }

    /// <summary>Top-level units, in path order.</summary>
    public IReadOnlyList<OrgUnitNode> Departments { get; }

    /// <summary>Every active member of staff (counted or not).</summary>
    public IReadOnlyDictionary<Guid, StaffSeat> Seats { get; }

    public DateTimeOffset ComputedAt { get; }

    public IEnumerable<OrgUnitNode> ChildrenOf(Guid unitId) => children[unitId];

    /// <summary>Every unit's standing when the snapshot was taken.</summary>
    public IReadOnlyDictionary<Guid, UnitStanding> Current { get; }

    /// <summary>
    /// Every unit's standing as it was at <paramref name="cutoff"/> (null: now): the same people, finished
    /// by then. Used for the final result of a challenge that has ended.
    /// </summary>
    public IReadOnlyDictionary<Guid, UnitStanding> StandingsAsOf(DateTimeOffset? cutoff)
    {
        var counts = new Dictionary<Guid, (int People, int Completed)>();
        foreach (var person in people)
        {
            var done = person.CompletedAt is { } at && (cutoff is null || at < cutoff);
            foreach (var unitId in person.Ancestry)
            {
                var (n, c) = counts.GetValueOrDefault(unitId);
                counts[unitId] = (n + 1, done ? c + 1 : c);
            }
        }

        return Units.Values.ToDictionary(u => u.Id, u =>
        {
            var (n, c) = counts.GetValueOrDefault(u.Id);
            return new UnitStanding(u.Id, u.Name, u.Path, n, c);
        });
    }

    /// <summary>How many counted people of the unit finished within [from, to).</summary>
    public int FinishedBetween(Guid unitId, DateTimeOffset from, DateTimeOffset to) =>
        people.Count(p => p.CompletedAt is { } at && at >= from && at < to && p.Ancestry.Contains(unitId));
}
