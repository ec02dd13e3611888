using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Lms.Tests.Browser;

/// <summary>What several browser tests do: sign a demo account in on a page of a given size, and check accessibility.</summary>
internal static class BrowserPages
{
    public static async Task<IPage> SignInAsync(BrowserFixture fixture, string user, int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("職員番号またはメールアドレス").FillAsync(user);
        await page.GetByLabel("パスワード").FillAsync("Demo-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync("**/");
        return page;
    }

    public static async Task NoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{what}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
