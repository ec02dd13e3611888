using Lms.Modules.Gamification.Home;
using Lms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lms.Tests.Gamification;

/// <summary>The home panel: level, points, streak and the newest badge, for a few queries at most.</summary>
public sealed class WalletHomePanelTests(LmsAppFactory factory, ITestOutputHelper output) : SiteTest(factory)
{
    [Fact]
    public async Task The_panel_shows_level_points_streak_and_the_newest_badge_and_costs_three_queries_cold_and_none_warm()
    {
        await WalletFixture.DemoHistoryAsync(Factory);
        var staffId = await WalletFixture.StaffIdAsync(Factory, "demo-staff");
        var page = await SiteClient.SignInAsync(Factory, "demo-staff");
        await page.GetStringAsync("/"); // warm what other panels cache (published course versions)

        var home = "";
        var cold = await QueryCounter.CountAsync(Factory, async () =>
        {
            Factory.Services.GetRequiredService<GamificationPanelCache>().Forget(staffId);
            home = await page.GetStringAsync("/");
        });
        var warm = await QueryCounter.CountAsync(Factory, () => page.GetStringAsync("/"));

        output.WriteLine($"home page: {cold} queries with the panel cold, {warm} warm");
        Assert.InRange(cold - warm, 1, 4); // preference, grouped ledger, newest award (+ the site's zone if no other panel read it)
        var panel = home[home.IndexOf("game-panel-title", StringComparison.Ordinal)..];
        Assert.Contains("レベル：", panel);
        Assert.Contains(" ポイント", panel);
        Assert.Contains("最新のバッジ：", panel);
        Assert.Contains("href=\"/me/achievements\"", panel);
        Assert.Contains("href=\"/about/gamification\"", panel);
    }
}
