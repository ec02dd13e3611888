using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class CertificatesTests(BrowserFixture fixture)
{
    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    /// <summary>
    /// demo-staff completed the common core in the demo's history; the on-completion job issued the certificate when
    /// the site first started. demo-staff downloads it on a phone, a stranger opens its verification page without
    /// signing in, an admin reissues it and downloads the general tier's certificates as a ZIP.
    /// </summary>
    [BrowserTest]
    public async Task Demo_staff_downloads_the_certificate_anyone_can_verify_it_and_an_admin_reissues_it_and_zips_a_tier()
    {
        var staff = await SignInAsync(fixture, "demo-staff", 390, 844);
        var card = staff.Locator(".certificate-card", new() { HasText = "共通コア" });
        for (var i = 0; i < 60 && await card.CountAsync() == 0; i++)
        {
            await Task.Delay(500); // the job runs within seconds of the site starting
            await staff.GotoAsync("/me/certificates");
        }

        await Shot(staff, "certificates-mine.png");
        await NoSeriousViolationsAsync(staff, "/me/certificates");
        var download = await staff.RunAndWaitForDownloadAsync(() => card.GetByRole(AriaRole.Link, new() { Name = "PDFをダウンロード" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("修了証_", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(BrowserFixture.ScreenshotDirectory, "certificate-demo-staff.pdf");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));

        // The verification page, as a phone that scanned the QR code opens it: no sign-in.
        var verifyHref = await card.GetByRole(AriaRole.Link, new() { Name = "確認ページ" }).GetAttributeAsync("href");
        var stranger = await fixture.NewPageAsync(390, 844);
        await stranger.GotoAsync(verifyHref!);
        Assert.Contains("この修了証は有効です。", await stranger.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Shot(stranger, "certificates-verify-valid.png");
        await NoSeriousViolationsAsync(stranger, "/verify");

        // An admin finds it, reissues it; the old number now says "replaced".
        var admin = await SignInAsync(fixture, "demo-admin", 1280, 900);
        var code = verifyHref!.Split('/')[^1];
        await admin.GotoAsync($"/admin/certificates?q={code}");
        await NoSeriousViolationsAsync(admin, "/admin/certificates");
        await admin.Locator("details.row-actions summary").First.ClickAsync();
        await admin.GetByLabel("再発行の理由（任意）").First.FillAsync("氏名の表記を訂正");
        await admin.GetByRole(AriaRole.Button, new() { Name = "現在の氏名で再発行" }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Contains("新しい修了証", await admin.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await Shot(admin, "certificates-admin.png");
        await stranger.ReloadAsync();
        Assert.Contains("差し替えられています", await stranger.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Shot(stranger, "certificates-verify-replaced.png");

        // A tier's certificates as one ZIP: at once when small, else prepared in the background and offered when ready.
        await admin.GotoAsync("/admin/certificates?tier=general&status=valid");
        var matching = int.Parse(System.Text.RegularExpressions.Regex.Match(await admin.Locator("main").InnerTextAsync(), @"(\d+) 件の修了証が該当します").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(matching > 0);
        var button = admin.GetByRole(AriaRole.Button, new() { Name = "この条件の修了証をZIPでダウンロード" });
        IDownload zip;
        if (matching <= 200)
        {
            zip = await admin.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        }
        else
        {
            await button.ClickAsync();
            Assert.Contains("ZIPにまとめています", await admin.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
            var ready = admin.Locator("#exports-heading + table").GetByRole(AriaRole.Link, new() { Name = "ダウンロード" });
            for (var i = 0; i < 120 && await ready.CountAsync() == 0; i++)
            {
                await Task.Delay(500);
                await admin.ReloadAsync();
            }

            await Shot(admin, "certificates-admin-export.png");
            zip = await admin.RunAndWaitForDownloadAsync(() => ready.First.ClickAsync());
        }

        Assert.EndsWith(".zip", zip.SuggestedFilename, StringComparison.Ordinal);
        var zipPath = Path.Combine(BrowserFixture.ScreenshotDirectory, "certificates-general.zip");
        await zip.SaveAsAsync(zipPath);
        using var archive = System.IO.Compression.ZipFile.OpenRead(zipPath);
        Assert.Equal(matching, archive.Entries.Count);
        Assert.All(archive.Entries, e => Assert.EndsWith(".pdf", e.FullName, StringComparison.Ordinal));
    }
}
