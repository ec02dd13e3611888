using System.Text;
using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportingTests(BrowserFixture fixture)
{
    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    /// <summary>
    /// demo-manager sees the team at a glance, keeps only those past their due date, takes the list to Excel and sends
    /// a late colleague a reminder; demo-admin sees the city's completion and the readiness index, with no one's answers.
    /// </summary>
    [BrowserTest]
    public async Task Demo_manager_filters_the_team_to_overdue_exports_CSV_and_nudges_one_person_and_the_admin_sees_the_city()
    {
        var manager = await SignInAsync(fixture, "demo-manager", 1280, 900);
        await manager.GotoAsync("/team/progress");
        var rows = manager.Locator("table.progress-table tbody tr");
        for (var i = 0; i < 60 && await rows.CountAsync() == 0; i++)
        {
            await Task.Delay(500); // the read models fill from the first start's events within seconds
            await manager.ReloadAsync();
        }

        Assert.True(await rows.CountAsync() > 0);
        Assert.Contains("チームの進捗", await manager.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await Shot(manager, "reporting-team.png");
        await NoSeriousViolationsAsync(manager, "/team/progress");

        // Only those past their due date.
        await manager.GetByRole(AriaRole.Combobox, new() { Name = "状況" }).SelectOptionAsync(new SelectOptionValue { Label = "期限超過" });
        await manager.GetByRole(AriaRole.Button, new() { Name = "絞り込み" }).ClickAsync();
        await ArrivedAsync(manager, new System.Text.RegularExpressions.Regex("[?&]status=overdue"));
        var overdue = await rows.CountAsync();
        Assert.True(overdue > 0, "the demo's common core was due ten days ago: some of the team are late");
        for (var i = 0; i < overdue; i++)
        {
            Assert.Contains("期限超過", await rows.Nth(i).InnerTextAsync(), StringComparison.Ordinal);
        }

        await Shot(manager, "reporting-team-overdue.png");

        // The same list for Excel.
        var download = await manager.RunAndWaitForDownloadAsync(() => manager.GetByRole(AriaRole.Link, new() { Name = "CSVで出力" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, "team-progress.csv");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("職員番号,氏名,", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 1);
        Assert.Contains(lines.Skip(1), l => l.Contains(",期限超過,", StringComparison.Ordinal));

        // A reminder to the first late colleague; the row then says it went today.
        var first = rows.First;
        var name = (await first.Locator("th[scope=row] span[lang=ja]").InnerTextAsync()).Trim();
        await first.GetByRole(AriaRole.Button, new() { Name = "リマインドを送る" }).ClickAsync();
        var status = manager.GetByRole(AriaRole.Status);
        await status.WaitForAsync();
        Assert.Contains($"{name}さんにリマインドを送りました", await status.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("本日送信済み", await manager.Locator("table.progress-table tbody tr", new() { HasText = name }).InnerTextAsync(), StringComparison.Ordinal);
        await Shot(manager, "reporting-team-nudged.png");

        // The city as the steering committee sees it.
        var admin = await SignInAsync(fixture, "demo-admin", 1280, 900);
        await admin.GotoAsync("/reports/organisation");
        Assert.Contains("部局別", await admin.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Shot(admin, "reporting-organisation.png");
        await NoSeriousViolationsAsync(admin, "/reports/organisation");
        await admin.GotoAsync("/reports/readiness");
        var readiness = await admin.Locator("main").InnerTextAsync();
        Assert.Contains("Step-0 準備度指標", readiness, StringComparison.Ordinal);
        Assert.Contains("個人の回答は表示しません", readiness, StringComparison.Ordinal);
        await Shot(admin, "reporting-readiness.png");
        await NoSeriousViolationsAsync(admin, "/reports/readiness");

        // A 60-year-old executive's tablet: the team page still reads.
        var tablet = await SignInAsync(fixture, "demo-manager", 820, 1180);
        await tablet.GotoAsync("/team/progress?status=overdue");
        await Shot(tablet, "reporting-team-tablet.png");
    }
}
