using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MediaAndTemplatesTests(BrowserFixture fixture)
{
    // A 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [BrowserTest]
    public async Task Demo_admin_uploads_an_image_to_the_media_library_and_sees_where_to_use_it()
    {
        var page = await SignInAsync(fixture, "demo-admin", returnUrl: "/admin/media");
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "窓口の写真.png", MimeType = "image/png", Buffer = Png });
        await page.GetByRole(AriaRole.Button, new() { Name = "アップロード", Exact = true }).ClickAsync();
        await page.GetByText("窓口の写真.png").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-media.png"), FullPage = true });
        await page.GetByText("窓口の写真.png").First.ClickAsync();
        Assert.StartsWith("![", await page.Locator("#markdown").InputValueAsync(), StringComparison.Ordinal); // the Markdown to paste into a lesson
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-media-detail.png"), FullPage = true });
    }

    [BrowserTest]
    public async Task Demo_admin_previews_an_e_mail_template_against_its_sample_data()
    {
        var page = await SignInAsync(fixture, "demo-admin", returnUrl: "/admin/templates");
        await page.Locator("a[href*='mail/due-soon/ja']").ClickAsync();
        var subject = page.GetByLabel("件名");
        await subject.FillAsync("【確認】{{ course.title }} の期限が近づいています");
        await page.Locator("#preview-button").ClickAsync();
        await page.Locator("#template-preview pre", new() { HasTextString = "【確認】" }).First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "admin-template.png"), FullPage = true });
    }
}
