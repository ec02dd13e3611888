using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class GamificationTests(BrowserFixture fixture)
{
    /// <summary>
    /// The issue's "done when", after the workshop test's sign-off: demo-staff sees the workshop's badge with its
    /// evidence, shares it as an Open Badge, and sees the department challenge, with no colleague ranked by name.
    /// </summary>
    internal static async Task BadgeOfTheSignedOffWorkshopAsync(BrowserFixture fixture, IPage staff)
    {
        await staff.GotoAsync("/me/achievements");
        var card = staff.Locator(".badge-card", new() { HasText = "アイデアを形に" });
        await card.WaitForAsync();
        var text = await card.InnerTextAsync();
        Assert.Contains("獲得のきっかけ", text, StringComparison.Ordinal);
        Assert.Contains("インサイトからアイデア", text, StringComparison.Ordinal); // the workshop that earned it
        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "game-achievements.png"), FullPage = true });

        await card.GetByRole(AriaRole.Button, new() { Name = "公開する" }).ClickAsync();
        card = staff.Locator(".badge-card", new() { HasText = "アイデアを形に" });
        var publicUrl = await card.Locator("a[href*='/badges/awards/']").First.GetAttributeAsync("href");
        Assert.NotNull(publicUrl);

        // Anyone with the address, signed in or not, sees the shared badge; the Open Badges assertion verifies it.
        var stranger = await fixture.NewPageAsync(390, 844);
        await stranger.GotoAsync(publicUrl);
        Assert.Contains("アイデアを形に", await stranger.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await stranger.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "game-public-award.png"), FullPage = true });
        var awardId = publicUrl!.Split('/')[^1];
        var assertion = await stranger.APIRequest.GetAsync($"/api/v1/badges/assertions/{awardId}");
        Assert.Equal(200, assertion.Status);
        using var json = JsonDocument.Parse(await assertion.TextAsync());
        Assert.Equal("Assertion", json.RootElement.GetProperty("type").GetString());
        Assert.StartsWith("sha256$", json.RootElement.GetProperty("recipient").GetProperty("identity").GetString(), StringComparison.Ordinal);

        await staff.GotoAsync("/teams/challenges");
        var challenge = await staff.Locator("main").InnerTextAsync();
        Assert.Contains("60%", challenge, StringComparison.Ordinal);
        Assert.Contains("課中", challenge, StringComparison.Ordinal);
        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "game-challenges.png"), FullPage = true });
        await staff.GotoAsync("/teams/leaderboard");
        await staff.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "game-leaderboard.png"), FullPage = true });
        var board = await staff.Locator("main").InnerTextAsync();
        Assert.Contains("1位", board, StringComparison.Ordinal); // units are ranked...
        Assert.DoesNotContain("人中", board, StringComparison.Ordinal); // ...but no person: demo-staff has not joined the comparison
        Assert.DoesNotContain("匿名の職員", board, StringComparison.Ordinal);
    }

    [BrowserTest]
    public async Task The_game_pages_read_well_on_a_tablet_and_have_no_serious_accessibility_violations()
    {
        var page = await SignInAsync(fixture, "demo-manager", 1024, 768); // a tablet

        foreach (var (path, shot) in new[] { ("/me/achievements", "game-manager-achievements.png"), ("/me/game-settings", "game-settings.png"), ("/about/gamification", "game-about.png"), ("/teams/leaderboard", "game-manager-leaderboard.png") })
        {
            await page.GotoAsync(path);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, shot), FullPage = true });
            var result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{path}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
        }
    }
}
