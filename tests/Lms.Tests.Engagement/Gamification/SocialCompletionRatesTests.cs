using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Features.Social;
using Lms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

/// <summary>Step-0 completion by unit: who counts, who finished, small groups suppressed, and the result cached.</summary>
public sealed class SocialCompletionRatesTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task Rates_count_only_people_enrolled_in_the_programme_and_match_a_count_by_hand()
    {
        await SocialFixture.SetUpAsync(Factory);
        var placements = await SocialFixture.PlacementsAsync(Factory);
        var general = placements.Where(p => p.Tier == StaffTier.General).OrderBy(p => p.StaffId).ToList();
        var finished = general.Where((_, i) => i % 3 == 0).Select(p => p.StaffId).ToHashSet();
        await SocialFixture.CompleteAsync(Factory, finished, SocialFixture.ProgrammeLesson);
        // Finishing a course outside the programme changes nothing, and managers (not enrolled in the programme) never count.
        var managers = placements.Where(p => p.Tier != StaffTier.General).Select(p => p.StaffId).ToList();
        await SocialFixture.CompleteAsync(Factory, managers, SocialFixture.OtherLesson);

        var snapshot = await SocialFixture.FreshSnapshotAsync(Factory);

        foreach (var unit in await SocialFixture.UnitsAsync(Factory))
        {
            var members = general.Where(p => p.UnitAncestry.Contains(unit.Id)).ToList();
            var standing = snapshot.Current[unit.Id];
            Assert.Equal(members.Count, standing.People);
            Assert.Equal(members.Count(p => finished.Contains(p.StaffId)), standing.Completed);
            if (members.Count >= UnitStanding.MinimumGroup)
            {
                Assert.Equal(standing.Completed * 100 / standing.People, standing.Percent);
            }
        }

        var departments = snapshot.Departments.Select(d => snapshot.Current[d.Id]).ToList();
        Assert.Equal(general.Count, departments.Sum(d => d.People));
        Assert.Equal(finished.Count, departments.Sum(d => d.Completed));
        Assert.Contains(departments, d => d.Percent is > 0 and < 100);
    }

    [Fact]
    public async Task A_person_counts_as_finished_only_when_every_programme_course_they_are_in_is_complete()
    {
        await SocialFixture.SetUpAsync(Factory);
        // A second programme course for everyone: general staff are now in two, the others in one.
        await Factory.RunRecipeJsonAsync(SocialFixture.Recipe.Replace(SocialFixture.OtherKey, "step0-t2", StringComparison.Ordinal));
        await Factory.FlushDeferredWorkAsync();
        var placements = await SocialFixture.PlacementsAsync(Factory);
        var general = placements.Where(p => p.Tier == StaffTier.General).Select(p => p.StaffId).Order().Take(10).ToList();
        var second = Lms.Framework.Data.StableGuid.From("course:step0-t2/activity:l1");
        await SocialFixture.CompleteAsync(Factory, general, SocialFixture.ProgrammeLesson);
        await SocialFixture.CompleteAsync(Factory, general.Take(4), second);

        var snapshot = await SocialFixture.FreshSnapshotAsync(Factory);

        var departments = snapshot.Departments.Select(d => snapshot.Current[d.Id]).ToList();
        Assert.Equal(placements.Count, departments.Sum(d => d.People));
        Assert.Equal(4, departments.Sum(d => d.Completed));
    }

    [Fact]
    public async Task Units_with_fewer_than_five_counted_people_show_no_rate_and_are_left_out_of_the_leaderboard_with_a_note()
    {
        await SocialFixture.SetUpAsync(Factory);
        var placements = await SocialFixture.PlacementsAsync(Factory);
        await SocialFixture.CompleteAsync(Factory, placements.Where(p => p.Tier == StaffTier.General).Select(p => p.StaffId).Take(30), SocialFixture.ProgrammeLesson);
        var snapshot = await SocialFixture.FreshSnapshotAsync(Factory);
        var small = snapshot.Current.Values.Where(s => s.People is > 0 and < UnitStanding.MinimumGroup).ToList();
        Assert.NotEmpty(small); // a city of 100 has sections of two or three
        Assert.All(small, s => Assert.True(s.Suppressed && s.Percent is null && !s.Reached(1)));

        var api = SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-staff"));
        var board = (await api.GetFromJsonAsync<JsonNode>("/api/v1/teams/leaderboard"))!;
        var listed = board["departments"]!.AsArray().Concat(board["sections"]!.AsArray()).ToList();
        Assert.All(listed, u => Assert.True((int)u!["people"]! >= UnitStanding.MinimumGroup));
        Assert.Equal(snapshot.Departments.Count, board["departments"]!.AsArray().Count + (int)board["hiddenDepartments"]!);
        var me = await SocialFixture.StaffIdAsync(Factory, "demo-staff");
        var mySections = snapshot.ChildrenOf(snapshot.Seats[me].DepartmentId).Select(u => snapshot.Current[u.Id]).Where(s => s.People > 0).ToList();
        Assert.Equal(mySections.Count(s => s.Suppressed), (int)board["hiddenSections"]!);

        var page = await (await SiteClient.SignInAsync(Factory, "demo-staff")).GetStringAsync("/teams/leaderboard");
        if (mySections.Any(s => s.Suppressed))
        {
            Assert.Contains("個人が特定されないよう表示していません", page);
        }

        foreach (var hidden in mySections.Where(s => s.Suppressed))
        {
            Assert.DoesNotContain($">{hidden.Name} <", page);
        }
    }

    [Fact]
    public async Task The_rates_are_cached_for_everyone_and_cost_no_query_while_fresh()
    {
        await SocialFixture.SetUpAsync(Factory);
        var before = await SocialFixture.FreshSnapshotAsync(Factory);
        var general = (await SocialFixture.PlacementsAsync(Factory)).Where(p => p.Tier == StaffTier.General).Select(p => p.StaffId).Take(20).ToList();
        await SocialFixture.CompleteAsync(Factory, general, SocialFixture.ProgrammeLesson);

        object? cached = null;
        // One run: the first look-up after the completions is the one that must find the rates cached.
        Assert.Equal(0, await QueryCounter.CountAsync(Factory, async () => cached = await Factory.WithScopeAsync(sp => sp.GetRequiredService<CompletionRates>().GetAsync()), runs: 1));
        Assert.Same(before, cached);

        var fresh = await SocialFixture.FreshSnapshotAsync(Factory);
        Assert.Equal(20, fresh.Departments.Sum(d => fresh.Current[d.Id].Completed));
    }
}
