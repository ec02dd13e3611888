using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [BrowserTest]
    public async Task Demo_staff_signs_in_and_lands_on_the_Japanese_home_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        // Anonymous: sent to the sign-in page, in Japanese although the browser asks for English.
        Assert.EndsWith("/account/sign-in?ReturnUrl=%2F", page.Url);
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        await page.GetByLabel("職員番号またはメールアドレス").FillAsync("demo-staff");
        await page.GetByLabel("パスワード").FillAsync(DemoPassword);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "sign-in.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();

        await ArrivedAsync(page, "/");
        var welcome = page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First;
        Assert.EndsWith("さん、ようこそ", await welcome.InnerTextAsync());
        Assert.Contains("一般職", await page.Locator(".facts").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "home.png"), FullPage = true });
    }

    [BrowserTest]
    public async Task The_sign_in_page_has_no_serious_or_critical_accessibility_violations()
    {
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            var page = await fixture.NewPageAsync(width, height);
            await page.GotoAsync("/account/sign-in");

            var result = await page.RunAxe();

            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, $"{width}px: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
        }
    }

    [BrowserTest]
    public async Task The_admin_area_works_for_demo_admin_in_Japanese()
    {
        var page = await SignInAsync(fixture, "demo-admin", returnUrl: "/admin/org-units");

        await page.GetByRole(AriaRole.Link, new() { Name = "デジタル推進課", Exact = true }).ClickAsync();
        await ArrivedAsync(page, new System.Text.RegularExpressions.Regex("/admin/org-units/[^/?#]+$"));
        Assert.Contains("デジタル推進課", await page.Locator("#unit-title").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-org-chart.png"), FullPage = false });

        await page.GotoAsync("/admin/staff");
        Assert.Contains("人が見つかりました", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-staff.png") });

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help}")));
    }
}
