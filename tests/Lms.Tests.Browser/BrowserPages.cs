using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lms.Tests.Browser;

/// <summary>
/// What several browser tests do: sign a demo account in, wait until a page has arrived, check accessibility.
/// Arrival is polled (the address, then <c>document.readyState</c>), never awaited as a lifecycle event:
/// CI once saw <c>WaitForURLAsync</c>, called when a click had already navigated, wait 30 s for a "load" event
/// while only "networkidle" came, and the suite failed on a page that had loaded.
/// </summary>
internal static class BrowserPages
{
    public const string DemoPassword = "Demo-2026!";

    /// <summary>A new page of the given size (a phone is 390 x 844, a tablet 1024 x 768) signed in as a demo account, on <paramref name="returnUrl"/>.</summary>
    public static async Task<IPage> SignInAsync(BrowserFixture fixture, string user, int width = 1280, int height = 800, string returnUrl = "/")
    {
        var page = await fixture.NewPageAsync(width, height);
        await SignInOnAsync(page, user, returnUrl);
        return page;
    }

    /// <summary>Signs <paramref name="user"/> in on <paramref name="page"/> through the sign-in form and waits for <paramref name="returnUrl"/>.</summary>
    public static async Task SignInOnAsync(IPage page, string user, string returnUrl = "/")
    {
        await page.GotoAsync(returnUrl == "/" ? "/account/sign-in" : "/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("職員番号またはメールアドレス").FillAsync(user);
        await page.GetByLabel("パスワード").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await ArrivedAsync(page, returnUrl);
    }

    /// <summary>Waits until the page is on <paramref name="path"/> (the whole path, query string included) and has loaded.</summary>
    public static Task ArrivedAsync(IPage page, string path) =>
        ArrivedAsync(page, new Regex("^https?://[^/]+" + Regex.Escape(path) + "$"));

    /// <summary>Waits until the page's address matches <paramref name="url"/> and the document has loaded.</summary>
    public static async Task ArrivedAsync(IPage page, Regex url)
    {
        await Expect(page).ToHaveURLAsync(url);
        await page.WaitForFunctionAsync("document.readyState === 'complete'", null, new() { PollingInterval = 100, Timeout = 15_000 });
    }

    public static async Task NoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{what}: " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})")));
    }
}
