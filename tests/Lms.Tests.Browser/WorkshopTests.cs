using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class WorkshopTests(BrowserFixture fixture)
{
    private const string Workshop = "一般職コース：気づき、試し、形にする › ワークショップ2：インサイトからアイデア、そしてピッチへ";

    /// <summary>
    /// The "done when": a facilitator schedules a session, demo-staff registers and checks in with the code on the
    /// screen, the team writes its pitch, the facilitator signs off, and demo-staff's workshop activity is complete.
    /// </summary>
    [BrowserTest]
    public async Task A_facilitator_runs_a_session_from_scheduling_to_the_learners_completed_workshop()
    {
        var facilitator = await SignInAsync(fixture, "demo-facilitator", 1024, 768); // a tablet
        var staff = await SignInAsync(fixture, "demo-staff", 390, 844); // a phone

        // Schedule: the form's defaults are next week, 13:30; only the workshop needs choosing.
        await facilitator.GotoAsync("/facilitate/sessions/new");
        await facilitator.Locator("#ActivityId").SelectOptionAsync(new SelectOptionValue { Label = Workshop });
        await facilitator.GetByLabel("場所", new() { Exact = true }).FillAsync("本庁舎 5階 大会議室");
        await Shot(facilitator, "workshop-new-session.png");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "セッションを登録する" }).ClickAsync();
        await ArrivedAsync(facilitator, SessionPage());
        var sessionUrl = new Uri(facilitator.Url).AbsolutePath;
        var sessionId = sessionUrl.Split('/')[^1];

        // demo-staff finds the workshop still to book and registers.
        await staff.GotoAsync("/workshops");
        await Shot(staff, "workshop-my-workshops.png");
        await staff.GotoAsync($"/workshops/sessions/{sessionId}");
        await staff.GetByRole(AriaRole.Button, new() { Name = "申し込む" }).ClickAsync();
        await staff.GetByText("申し込みました").WaitForAsync();
        await Shot(staff, "workshop-registered.png");

        // The day comes: the facilitator moves the session to now (it started ten minutes ago).
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var start = now.AddMinutes(-10);
        var end = start.AddMinutes(90).Date == start.Date ? start.AddMinutes(90) : start.Date.AddHours(23).AddMinutes(59);
        await facilitator.GotoAsync($"{sessionUrl}/edit");
        await facilitator.Locator("#Date").FillAsync(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await facilitator.Locator("#StartTime").FillAsync(start.ToString("HH:mm", CultureInfo.InvariantCulture));
        await facilitator.Locator("#EndTime").FillAsync(end.ToString("HH:mm", CultureInfo.InvariantCulture));
        await facilitator.Locator("#DeadlineDate").FillAsync(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await facilitator.Locator("#DeadlineTime").FillAsync(start.ToString("HH:mm", CultureInfo.InvariantCulture));
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await ArrivedAsync(facilitator, SessionPage());

        // demo-staff checks in with the code on the facilitator's screen.
        var code = CodePattern().Match(await facilitator.Locator(".checkin-code").InnerTextAsync()).Value;
        Assert.Equal(6, code.Length);
        await Shot(facilitator, "workshop-run-session.png");
        await staff.GotoAsync("/workshops/check-in");
        await staff.GetByLabel("チェックインコード").FillAsync(code.ToLowerInvariant()); // as typed on a phone
        await staff.GetByRole(AriaRole.Button, new() { Name = "チェックインする" }).ClickAsync();
        await staff.Locator(".checkin-done").WaitForAsync();
        await Shot(staff, "workshop-checked-in.png");
        await facilitator.ReloadAsync();
        var row = facilitator.Locator(".roster-row", new() { HasText = "チェックイン" });
        Assert.Contains("is-present", await row.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);

        // Teams: one click suggests, one click saves.
        await facilitator.GotoAsync($"{sessionUrl}/teams");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "チーム案を作る" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "チームを保存" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Status).First.WaitForAsync();
        await Shot(facilitator, "workshop-teams.png");

        // demo-staff's team writes its idea pitch.
        await staff.GotoAsync($"/workshops/sessions/{sessionId}");
        await staff.GetByRole(AriaRole.Link, new() { Name = "チームの成果物（ペルソナ・ジャーニー・インサイト・ピッチ）" }).ClickAsync();
        await staff.GetByLabel("市民から見た課題").FillAsync("転入した方が、いくつもの窓口を回って長い時間待っている。");
        await staff.GetByLabel("私たちのアイデア").FillAsync("転入の手続きを1枚のチェックリストにまとめ、最初の窓口で案内する。");
        await staff.GetByLabel("最初の小さな一歩").FillAsync("来週、市民課の窓口で試作版を2週間使ってみる。");
        await staff.GetByLabel("巻き込む必要がある人・部署").FillAsync("市民課、保険年金課、介護保険課");
        await staff.GetByRole(AriaRole.Button, new() { Name = "アイデアピッチを保存" }).ClickAsync();
        await staff.GetByText("転入の手続きを1枚のチェックリストにまとめ").First.WaitForAsync();
        await Shot(staff, "workshop-team-pitch.png");

        // Sign-off: everyone present is ticked; one click completes their workshop.
        await facilitator.GotoAsync($"{sessionUrl}/signoff");
        Assert.True(await facilitator.Locator("input[name=StaffIds]:checked").CountAsync() >= 1);
        await Shot(facilitator, "workshop-signoff.png");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "チェックした人の参加を確認する" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Status).First.WaitForAsync();

        await staff.GotoAsync("/workshops");
        var item = staff.Locator(".workshop-item", new() { HasText = "ワークショップ2：インサイトからアイデア、そしてピッチへ" });
        await item.GetByText("修了しました").WaitForAsync();
        await Shot(staff, "workshop-completed.png");

        await GamificationTests.BadgeOfTheSignedOffWorkshopAsync(fixture, staff);
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    [GeneratedRegex("/facilitate/sessions/[0-9a-f-]{36}$")]
    private static partial Regex SessionPage();

    [GeneratedRegex("[A-Z0-9]{6}")]
    private static partial Regex CodePattern();
}
