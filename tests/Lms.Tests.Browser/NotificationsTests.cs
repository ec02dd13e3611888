using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;
using static Microsoft.Playwright.Assertions;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NotificationsTests(BrowserFixture fixture)
{
    private static async Task WaitForRunAsync(IPage admin, string job)
    {
        for (var i = 0; i < 120 && !(await admin.Locator("#runs-heading + ul").CountAsync() > 0 && (await admin.Locator("#runs-heading + ul").InnerTextAsync()).Contains(job, StringComparison.Ordinal)); i++)
        {
            await Task.Delay(500);
            await admin.GotoAsync("/admin/notifications");
        }
    }

    /// <summary>
    /// An admin runs the sweep and the week's digests from the admin page; demo-manager sees the bell's count on a
    /// tablet, opens the digest with the overdue members named, marks everything read, and chooses what comes by e-mail.
    /// </summary>
    [BrowserTest]
    public async Task A_manager_finds_the_weekly_digest_behind_the_bell_and_chooses_what_comes_by_e_mail()
    {
        var admin = await SignInAsync(fixture, "demo-admin", 1280, 900);
        await admin.GotoAsync("/admin/notifications");
        // The jobs run in the background: the log shows each run within seconds.
        await admin.GetByRole(AriaRole.Button, new() { Name = "今すぐリマインドを確認する" }).ClickAsync();
        await WaitForRunAsync(admin, "reminder-sweep");
        await admin.GetByRole(AriaRole.Button, new() { Name = "今週の管理職向けまとめを今すぐ作成する" }).ClickAsync();
        await WaitForRunAsync(admin, "manager-digest");

        var log = await admin.Locator("main").InnerTextAsync();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications-admin-log.png"), FullPage = true });
        Assert.True(log.Contains("reminder-sweep", StringComparison.Ordinal), log);
        Assert.Contains("受講期限を過ぎたコース", log, StringComparison.Ordinal);
        await NoSeriousViolationsAsync(admin, "/admin/notifications");
        await admin.GotoAsync("/admin/notifications/rules");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications-admin-rules.png"), FullPage = true });
        await NoSeriousViolationsAsync(admin, "/admin/notifications/rules");

        var manager = await SignInAsync(fixture, "demo-manager", 1024, 768);
        var bell = manager.Locator("a.notification-bell");
        await Expect(bell).ToContainTextAsync("未読");
        await manager.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications-bell.png") });
        await bell.ClickAsync();
        await ArrivedAsync(manager, "/me/notifications");
        await manager.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications-inbox.png"), FullPage = true });
        await NoSeriousViolationsAsync(manager, "/me/notifications");

        // Each step waits for the page it leads to (reading <main> at once could read the page before the click's).
        await manager.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("今週の所属の受講状況") }).First.ClickAsync();
        await ArrivedAsync(manager, new System.Text.RegularExpressions.Regex("/me/notifications/[0-9a-f-]{36}$"));
        await Expect(manager.Locator("main")).ToContainTextAsync("受講期限を過ぎている職員");
        var digest = await manager.Locator("main").InnerTextAsync();
        Assert.Contains("日", digest, StringComparison.Ordinal);
        await manager.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications-digest.png"), FullPage = true });
        await NoSeriousViolationsAsync(manager, "digest");

        await manager.GotoAsync("/me/notifications");
        if (await manager.GetByRole(AriaRole.Button, new() { Name = "すべて既読にする" }).CountAsync() > 0)
        {
            await manager.GetByRole(AriaRole.Button, new() { Name = "すべて既読にする" }).ClickAsync();
        }

        await Expect(manager.Locator("main")).ToContainTextAsync("未読のお知らせはありません");

        await manager.GotoAsync("/me/notification-settings");
        await manager.GetByLabel("しばらく受講のないコース").UncheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Expect(manager.Locator("main")).ToContainTextAsync("通知の設定を保存しました");
        Assert.False(await manager.GetByLabel("しばらく受講のないコース").IsCheckedAsync());
        await manager.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "notifications-settings.png"), FullPage = true });
        await NoSeriousViolationsAsync(manager, "/me/notification-settings");
    }
}
