using Lms.Contracts.Organization;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>What the suggestion knows of a person: enough to mix departments, tiers and ages.</summary>
internal sealed record TeamCandidate(Guid StaffId, Guid DepartmentId, StaffTier Tier, int? BirthYear);

/// <summary>How to split: "auto" (teams of 4 to 6), "size:N" (teams of at most N) or "count:N" (N teams).</summary>
internal readonly record struct TeamSplit(int? Size, int? Count)
{
    public static readonly TeamSplit Auto = new(null, null);

    public static TeamSplit Parse(string? value) => value?.Split(':') switch
    {
        ["size", var n] when int.TryParse(n, out var size) && size is >= 2 and <= 20 => new(size, null),
        ["count", var n] when int.TryParse(n, out var count) && count is >= 1 and <= 100 => new(null, count),
        _ => Auto,
    };

    public override string ToString() => Size is { } s ? $"size:{s}" : Count is { } c ? $"count:{c}" : "auto";

    public int TeamCount(int people)
    {
        if (people == 0)
        {
            return 0;
        }

        // Auto: as few teams as keep everyone at six or fewer, which leaves them at four or more from 7 people
        // up except for 7 (4+3): a team of seven talks less per person than a team of three.
        var count = Count ?? (int)Math.Ceiling(people / (double)(Size ?? 6));
        return Math.Clamp(count, 1, people);
    }
}

/// <summary>
/// The facilitator's one-click proposal. Pure and deterministic (the same people give the same teams,
/// whatever their order), so a facilitator who clicks twice sees the same proposal and tests can pin it.
/// </summary>
internal static class TeamSuggestion
{
    // Lexicographic priorities: one avoidable pair of colleagues from the same department outweighs any
    // tier mix, and one same-tier pair outweighs any age mix (a swap changes at most a few thousand pairs).
    private const long DepartmentWeight = 1_000_000_000_000;
    private const long TierWeight = 1_000_000;
    private const long AgeWeight = 1;

    /// <returns>The teams in order (team 1 first), each a list of staff ids.</returns>
    public static IReadOnlyList<IReadOnlyList<Guid>> Suggest(IReadOnlyCollection<TeamCandidate> people, TeamSplit split)
    {
        var count = split.TeamCount(people.Count);
        if (count == 0)
        {
            return [];
        }

        // Dealing people out in turn, grouped by department (largest first), spreads every department as
        // evenly as it can be spread and gives sizes that differ by at most one; swaps then mix tiers and ages
        // without undoing either.
        var departmentSizes = people.GroupBy(p => p.DepartmentId).ToDictionary(g => g.Key, g => g.Count());
        var ordered = people
            .OrderByDescending(p => departmentSizes[p.DepartmentId]).ThenBy(p => p.DepartmentId)
            .ThenBy(p => p.Tier).ThenBy(p => p.BirthYear ?? int.MaxValue).ThenBy(p => p.StaffId)
            .ToArray();
        var team = new int[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            team[i] = i % count;
        }

        var mix = new Mix(ordered, team, count);
        mix.Improve();
        return Enumerable.Range(0, count)
            .Select(t => (IReadOnlyList<Guid>)Enumerable.Range(0, ordered.Length).Where(i => team[i] == t).Select(i => ordered[i].StaffId).ToList())
            .ToList();
    }

    /// <summary>Same-department, same-tier and same-age-band pairs per team, improved by swapping two people.</summary>
    private sealed class Mix
    {
        private readonly int[] team;
        private readonly Attribute[] attributes;

        public Mix(TeamCandidate[] people, int[] team, int teamCount)
        {
            this.team = team;
            attributes =
            [
                new(DepartmentWeight, Keys(people.Select(p => (object?)p.DepartmentId)), team, teamCount),
                new(TierWeight, Keys(people.Select(p => (object?)p.Tier)), team, teamCount),
                new(AgeWeight, AgeBands(people, teamCount), team, teamCount),
            ];
        }

        public void Improve()
        {
            // First improvement in a fixed order until a full pass finds none: deterministic, and every swap
            // lowers the cost, so it ends.
            bool improved;
            do
            {
                improved = false;
                for (var a = 0; a < team.Length; a++)
                {
                    for (var b = a + 1; b < team.Length; b++)
                    {
                        if (team[a] != team[b] && Delta(a, b) < 0)
                        {
                            foreach (var attribute in attributes)
                            {
                                attribute.Swap(a, b);
                            }

                            (team[a], team[b]) = (team[b], team[a]);
                            improved = true;
                        }
                    }
                }
            }
            while (improved);
        }

        private long Delta(int a, int b)
        {
            long delta = 0;
            foreach (var attribute in attributes)
            {
                delta += attribute.SwapDelta(a, b);
            }

            return delta;
        }

        private static int[] Keys(IEnumerable<object?> values)
        {
            var ids = new Dictionary<object, int>();
            return values.Select(v => v is null ? -1 : ids.TryGetValue(v, out var id) ? id : ids[v] = ids.Count).ToArray();
        }

        /// <summary>
        /// People with a known year of birth, oldest to youngest, in bands of one per team: two people of a
        /// band in a team means another team lacks that age. Unknown years belong to no band.
        /// </summary>
        private static int[] AgeBands(TeamCandidate[] people, int teamCount)
        {
            var bands = Enumerable.Repeat(-1, people.Length).ToArray();
            var known = Enumerable.Range(0, people.Length).Where(i => people[i].BirthYear is not null)
                .OrderBy(i => people[i].BirthYear).ThenBy(i => people[i].StaffId).ToList();
            for (var rank = 0; rank < known.Count; rank++)
            {
                bands[known[rank]] = rank / teamCount;
            }

            return bands;
        }
    }

    /// <summary>One attribute's counts per team and key; its cost is the weighted number of same-key pairs.</summary>
    private sealed class Attribute
    {
        private readonly long weight;
        private readonly int[] keys;
        private readonly int[] team;
        private readonly int[,] counts;

        public Attribute(long weight, int[] keys, int[] team, int teamCount)
        {
            this.weight = weight;
            this.keys = keys;
            this.team = team;
            counts = new int[teamCount, Math.Max(1, keys.DefaultIfEmpty(-1).Max() + 1)];
            for (var i = 0; i < keys.Length; i++)
            {
                if (keys[i] >= 0)
                {
                    counts[team[i], keys[i]]++;
                }
            }
        }

        public long SwapDelta(int a, int b)
        {
            int ka = keys[a], kb = keys[b], ta = team[a], tb = team[b];
            if (ka == kb)
            {
                return 0;
            }

            long delta = 0;
            if (ka >= 0)
            {
                delta += counts[tb, ka] - (counts[ta, ka] - 1);
            }

            if (kb >= 0)
            {
                delta += counts[ta, kb] - (counts[tb, kb] - 1);
            }

            return delta * weight;
        }

        /// <summary>Moves the counts as if a and b swapped teams (call before the team array changes).</summary>
        public void Swap(int a, int b)
        {
            int ka = keys[a], kb = keys[b], ta = team[a], tb = team[b];
            if (ka >= 0)
            {
                counts[ta, ka]--;
                counts[tb, ka]++;
            }

            if (kb >= 0)
            {
                counts[tb, kb]--;
                counts[ta, kb]++;
            }
        }
    }
}
