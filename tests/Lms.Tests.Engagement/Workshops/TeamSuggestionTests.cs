using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Workshops.Features.Teams;

namespace Lms.Tests.Workshops;

/// <summary>The facilitator's one-click team proposal: a pure function, so these run without a site.</summary>
public sealed class TeamSuggestionTests
{
    private static Guid Id(string name) => StableGuid.From("test:" + name);

    private static TeamCandidate Person(int n, string department, StaffTier tier = StaffTier.General, int? born = null) =>
        new(Id($"person-{n}"), Id($"department-{department}"), tier, born);

    [Fact]
    public void Teams_differ_in_size_by_at_most_one_and_never_hold_two_of_a_department_while_avoidable()
    {
        // Many shapes of attendance, always the same ones (fixed seed).
        var random = new Random(20261126);
        for (var round = 0; round < 200; round++)
        {
            var people = Enumerable.Range(0, random.Next(2, 60))
                .Select(i => Person(round * 100 + i, $"d{random.Next(0, random.Next(1, 12))}", (StaffTier)random.Next(0, 3), random.Next(0, 3) == 0 ? null : random.Next(1962, 2004)))
                .ToList();
            var split = random.Next(0, 3) switch { 0 => TeamSplit.Auto, 1 => new TeamSplit(random.Next(2, 9), null), _ => new TeamSplit(null, random.Next(1, 12)) };

            var teams = TeamSuggestion.Suggest(people, split);

            Assert.Equal(split.TeamCount(people.Count), teams.Count);
            Assert.Equal(people.Select(p => p.StaffId).Order(), teams.SelectMany(t => t).Order());
            Assert.True(teams.Max(t => t.Count) - teams.Min(t => t.Count) <= 1, $"round {round}: sizes {string.Join(",", teams.Select(t => t.Count))}");
            var departmentOf = people.ToDictionary(p => p.StaffId, p => p.DepartmentId);
            foreach (var department in people.GroupBy(p => p.DepartmentId))
            {
                // The fewest same-department colleagues a team can have: none while there are enough teams.
                var fair = (int)Math.Ceiling(department.Count() / (double)teams.Count);
                Assert.All(teams, t => Assert.True(t.Count(id => departmentOf[id] == department.Key) <= fair, $"round {round}: department spread"));
            }
        }
    }

    [Fact]
    public void Tiers_are_spread_evenly_across_teams()
    {
        var people = Enumerable.Range(0, 12)
            .Select(i => Person(i, $"d{i}", i < 3 ? StaffTier.Executive : i < 6 ? StaffTier.Manager : StaffTier.General))
            .ToList();

        var teams = TeamSuggestion.Suggest(people, new TeamSplit(null, 3));

        var tierOf = people.ToDictionary(p => p.StaffId, p => p.Tier);
        Assert.All(teams, t =>
        {
            Assert.Equal(1, t.Count(id => tierOf[id] == StaffTier.Executive));
            Assert.Equal(1, t.Count(id => tierOf[id] == StaffTier.Manager));
            Assert.Equal(2, t.Count(id => tierOf[id] == StaffTier.General));
        });
    }

    [Fact]
    public void Ages_are_spread_when_years_of_birth_are_known()
    {
        // Twelve people of one tier in twelve departments: only the ages tell them apart.
        var people = Enumerable.Range(0, 12).Select(i => Person(i, $"d{i}", born: 1965 + i * 3)).ToList();

        var teams = TeamSuggestion.Suggest(people, new TeamSplit(null, 3));

        // Oldest to youngest in bands of three: every team gets one of each band, so no team is all young or all senior.
        var bandOf = people.OrderBy(p => p.BirthYear).Select((p, rank) => (p.StaffId, Band: rank / 3)).ToDictionary(x => x.StaffId, x => x.Band);
        Assert.All(teams, t => Assert.Equal([0, 1, 2, 3], t.Select(id => bandOf[id]).Order()));
    }

    [Fact]
    public void A_department_clash_is_avoided_before_a_tier_clash()
    {
        // Two teams; each department has an executive and a general member. Splitting the departments is a
        // must; within that, each team gets one executive.
        var people = new[] { Person(1, "A", StaffTier.Executive), Person(2, "A"), Person(3, "B", StaffTier.Executive), Person(4, "B") };

        var teams = TeamSuggestion.Suggest(people, new TeamSplit(null, 2));

        Assert.All(teams, t =>
        {
            Assert.Equal(2, t.Select(id => people.Single(p => p.StaffId == id).DepartmentId).Distinct().Count());
            Assert.Single(t, id => people.Single(p => p.StaffId == id).Tier == StaffTier.Executive);
        });
    }

    [Fact]
    public void Without_years_of_birth_it_still_mixes_departments_and_tiers()
    {
        var people = Enumerable.Range(0, 10).Select(i => Person(i, $"d{i % 5}", i % 2 == 0 ? StaffTier.Manager : StaffTier.General)).ToList();

        var teams = TeamSuggestion.Suggest(people, TeamSplit.Auto);

        Assert.Equal([5, 5], teams.Select(t => t.Count));
        Assert.All(teams, t => Assert.Equal(5, t.Select(id => people.Single(p => p.StaffId == id).DepartmentId).Distinct().Count()));
    }

    [Fact]
    public void The_same_people_give_the_same_teams_whatever_their_order()
    {
        var people = Enumerable.Range(0, 23).Select(i => Person(i, $"d{i % 4}", (StaffTier)(i % 3), 1970 + i)).ToList();
        var shuffled = people.OrderBy(p => p.StaffId.ToString("N")[5]).Reverse().ToList();

        var first = TeamSuggestion.Suggest(people, TeamSplit.Auto);
        var second = TeamSuggestion.Suggest(shuffled, TeamSplit.Auto);

        Assert.Equal(first.Select(t => string.Join(",", t)), second.Select(t => string.Join(",", t)));
    }

    [Theory]
    [InlineData("auto", 0, 0)]
    [InlineData("auto", 3, 1)]
    [InlineData("auto", 6, 1)]
    [InlineData("auto", 7, 2)]
    [InlineData("auto", 13, 3)]
    [InlineData("auto", 30, 5)]
    [InlineData("size:4", 10, 3)]
    [InlineData("size:5", 10, 2)]
    [InlineData("count:3", 10, 3)]
    [InlineData("count:12", 5, 5)]
    [InlineData("nonsense", 12, 2)]
    public void The_split_gives_the_number_of_teams(string split, int people, int teams) =>
        Assert.Equal(teams, TeamSplit.Parse(split).TeamCount(people));
}
