using Lms.Tests.Infrastructure;
using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class RosterImportTests(BrowserFixture fixture)
{
    [BrowserTest]
    public async Task Demo_admin_loads_the_sample_roster_through_the_screen_and_sees_what_changed()
    {
        var page = await SignInAsync(fixture, "demo-admin", returnUrl: "/admin/roster-imports");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "roster-import.png"), FullPage = true });

        var sample = Path.Combine(TestPaths.RepositoryRoot(), "samples", "roster-sample-sjis.csv");
        await page.GetByLabel("CSV ファイル").SetInputFilesAsync(sample);
        await page.GetByRole(AriaRole.Button, new() { Name = "確認して取り込む" }).ClickAsync();

        // The result page refreshes itself until the background job is done.
        await page.GetByText("名簿を取り込みました。").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("Shift_JIS", await page.Locator("main").InnerTextAsync());
        Assert.Equal("21", await page.Locator("tr:has(th:text('新規')) td").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "roster-import-result.png"), FullPage = true });
    }
}
