using Lms.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lms.Tests.Reporting;

/// <summary>The team page costs the same few queries for a team of 10 as for a team of 60 (no query per person or course).</summary>
public sealed class TeamPageBudgetTests(LmsAppFactory factory, ITestOutputHelper output) : SiteTest(factory)
{
    private const int Budget = 16;

    private async Task<int> CountAsync(HttpClient client, string path)
    {
        await client.GetStringAsync(path); // warm: published versions are cached after the first read
        return await QueryCounter.CountAsync(Factory, () => client.GetStringAsync(path));
    }

    [Fact]
    public async Task The_team_page_makes_no_query_per_person()
    {
        await ReportingFixture.SetUpAsync(Factory, dueInDays: -2, staff: 100);
        var manager = await SiteClient.SignInAsync(Factory, "demo-manager");
        var small = await CountAsync(manager, "/team/progress");
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var everyone = await CountAsync(admin, "/team/progress"); // the whole organisation, 50 on the page
        var overdue = await CountAsync(admin, "/team/progress?status=overdue&sort=due");

        output.WriteLine($"queries: manager's team {small}, organisation {everyone}, organisation overdue {overdue}");
        Assert.InRange(small, 1, Budget);
        Assert.InRange(everyone, 1, Budget);
        Assert.InRange(overdue, 1, Budget);
        Assert.Equal(everyone, overdue);
    }
}
