using System.Net;
using Lms.Modules.Gamification.Features.Social;
using Lms.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lms.Tests.Gamification;

/// <summary>The demo city (500 staff, a third finished) comes with a quarter's challenge for every department that looks believable.</summary>
public sealed class SocialDemoTests(LmsAppFactory factory, ITestOutputHelper output) : SiteTest(factory)
{
    [Fact]
    public async Task The_demo_challenge_runs_to_the_end_of_the_quarter_with_some_sections_above_the_target_and_most_below()
    {
        await Factory.InstallDemoCityAsync();

        var challenge = Assert.Single(await SocialFixture.ChallengesAsync(Factory));
        Assert.Null(challenge.OrgUnitId);
        // A third of the city has finished: sections sit between about 10% and 65%, so 60% is a goal some have
        // reached and most have not (at 80% every section would be below it).
        Assert.Equal(60, challenge.TargetPercent);
        Assert.Equal(SocialCalendar.QuarterEnd(SocialFixture.Today), challenge.EndsOn);

        var snapshot = await SocialFixture.FreshSnapshotAsync(Factory);
        var sections = snapshot.Departments.SelectMany(d => snapshot.ChildrenOf(d.Id)).Select(u => snapshot.Current[u.Id]).Where(s => !s.Suppressed).ToList();
        var reached = sections.Count(s => s.Reached(60));
        output.WriteLine($"sections shown {sections.Count}, at 60% or more {reached}; departments: " +
            string.Join(", ", snapshot.Departments.Select(d => $"{d.Name} {snapshot.Current[d.Id].Percent}%")));
        output.WriteLine("sections: " + string.Join(" ", sections.Select(s => $"{s.Path} {s.Percent}%/{s.People}")));
        Assert.InRange(reached, 1, (sections.Count / 2) - 1);

        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var page = WebUtility.HtmlDecode(await staff.GetStringAsync("/teams/challenges"));
        Assert.Contains("四半期末までに、すべての課で Step-0 修了率60%を目指そう", page);
        Assert.Contains("課中", page);
        Assert.Contains("class=\"target-line\"", page);
        Assert.Contains("四半期末までに", WebUtility.HtmlDecode(await staff.GetStringAsync("/")));

        // With 500 people the leaderboard still names nobody.
        foreach (var userName in new[] { "demo-staff", "demo-manager" })
        {
            var me = await SocialFixture.StaffIdAsync(Factory, userName);
            var cards = await SocialFixture.CardsAsync(Factory, snapshot.Seats.Keys.Where(id => id != me).ToList());
            var html = WebUtility.HtmlDecode(await (await SiteClient.SignInAsync(Factory, userName)).GetStringAsync("/teams/leaderboard"));
            Assert.Contains("class=\"unit-row", html);
            Assert.All(cards, c => Assert.DoesNotContain(c.Name, html, StringComparison.Ordinal));
        }
    }
}
