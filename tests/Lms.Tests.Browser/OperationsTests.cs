using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;
using static Microsoft.Playwright.Assertions;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class OperationsTests(BrowserFixture fixture)
{
    /// <summary>
    /// The job dashboard (Hangfire's own pages, for admins) works under its Content-Security-Policy: its scripts run
    /// (the live graph draws, the job lists open) and the browser reports no blocked script, style or image.
    /// </summary>
    [BrowserTest]
    public async Task Demo_admin_opens_the_job_dashboard_and_its_scripts_run_under_the_security_policy()
    {
        var admin = await SignInAsync(fixture, "demo-admin", 1280, 900);
        var blocked = new List<string>();
        admin.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };

        var response = await admin.GotoAsync("/hangfire");
        Assert.Equal(200, response!.Status);
        Assert.Contains("script-src 'self' 'unsafe-inline'", await response.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        // The realtime graph is a <canvas> that the dashboard's script (Chart.js) marks when it draws: no script, no mark.
        await Expect(admin.Locator("canvas#realtimeGraph.chartjs-render-monitor")).ToBeVisibleAsync();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "operations-job-dashboard.png"), FullPage = true });

        await admin.GotoAsync("/hangfire/recurring");
        await Expect(admin.Locator("body")).ToContainTextAsync("reminder-sweep");
        Assert.True(blocked.Count == 0, string.Join(Environment.NewLine, blocked));

        // Staff do not see it.
        var staff = await SignInAsync(fixture, "demo-staff", 1280, 900);
        var refused = await staff.GotoAsync("/hangfire");
        Assert.Equal(403, refused!.Status);
        Assert.DoesNotContain("reminder-sweep", await staff.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
    }
}
