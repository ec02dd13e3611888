using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class CourseAuthoringTests(BrowserFixture fixture)
{
    private const string Course = "共通コア：DXの基本と市民目線";
    private const string Lesson = "大切なのは「D」ではなく「X」";
    private const string Added = "ブラウザのテストで書き足した一文です。";

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDirectory, name);

    [BrowserTest]
    public async Task Demo_admin_edits_a_lesson_previews_it_and_publishes_and_demo_staff_sees_the_change()
    {
        var admin = await SignInAsync(fixture, "demo-admin", returnUrl: "/admin/courses");
        await admin.ScreenshotAsync(new() { Path = Shot("admin-courses.png"), FullPage = true });
        await admin.GetByRole(AriaRole.Link, new() { Name = Course }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "セクションとアクティビティ" }).WaitForAsync();
        await admin.ScreenshotAsync(new() { Path = Shot("admin-course-editor.png"), FullPage = true });
        await admin.GetByRole(AriaRole.Link, new() { Name = Lesson }).ClickAsync();

        // The Markdown editor previews as the learner will see it while the admin types.
        var body = admin.GetByLabel("本文", new() { Exact = true });
        await body.FillAsync(await body.InputValueAsync() + "\n\n**" + Added + "**");
        await admin.Locator(".markdown-preview strong", new() { HasTextString = Added }).WaitForAsync();
        await admin.ScreenshotAsync(new() { Path = Shot("admin-activity-editor.png"), FullPage = true });
        await admin.GetByRole(AriaRole.Button, new() { Name = "下書きに保存" }).ClickAsync();
        await admin.GetByText("下書きに保存しました。").WaitForAsync();

        // Before publishing, learners still see the old text.
        var staff = await SignInAsync(fixture, "demo-staff");
        await staff.GetByRole(AriaRole.Link, new() { Name = Course }).First.ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = Lesson }).ClickAsync();
        await staff.GetByRole(AriaRole.Heading, new() { Name = Lesson }).WaitForAsync();
        Assert.DoesNotContain(Added, await staff.Locator("main").InnerTextAsync());
        var lessonUrl = staff.Url;

        // The preview opens the draft in the learner's own pages, in a new tab.
        var preview = await admin.RunAndWaitForPopupAsync(() => admin.GetByRole(AriaRole.Link, new() { Name = "このアクティビティをプレビュー（新しいタブ）" }).ClickAsync());
        await preview.GetByText("下書きのプレビュー（未公開）").WaitForAsync();
        Assert.Contains(Added, await preview.Locator("article.prose").InnerTextAsync());
        await preview.ScreenshotAsync(new() { Path = Shot("learner-preview.png"), FullPage = true });

        await admin.GetByRole(AriaRole.Link, new() { Name = "コースに戻る" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "公開する" }).ClickAsync();
        await admin.GetByText("として公開しました。").WaitForAsync();

        await staff.GotoAsync(lessonUrl);
        Assert.Contains(Added, await staff.Locator("article.prose").InnerTextAsync());

        // The history shows who published, and the added sentence between the last two versions.
        await admin.GetByRole(AriaRole.Link, new() { Name = "版の履歴と変更点" }).ClickAsync();
        var versions = await admin.Locator("table tbody tr").CountAsync();
        await admin.GetByLabel("比較元").SelectOptionAsync((versions - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByLabel("比較先").SelectOptionAsync(versions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "比較する" }).ClickAsync();
        Assert.Contains(Added, await admin.Locator(".diff-add").AllInnerTextsAsync().ContinueWith(t => string.Join("\n", t.Result)));
        await admin.ScreenshotAsync(new() { Path = Shot("admin-course-history.png"), FullPage = true });

        // The quiz editor, as an author meets it.
        await admin.GetByRole(AriaRole.Link, new() { Name = Course }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "確認クイズ：DXの基本と市民目線" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "問題" }).WaitForAsync();
        await admin.ScreenshotAsync(new() { Path = Shot("admin-quiz-editor.png"), FullPage = true });
    }

    [BrowserTest]
    public async Task Demo_admin_inserts_an_image_from_the_media_library_into_a_lesson_and_the_preview_shows_it()
    {
        var admin = await SignInAsync(fixture, "demo-admin", returnUrl: "/admin/media");
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        await admin.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "挿絵.png", MimeType = "image/png", Buffer = png });
        await admin.GetByRole(AriaRole.Button, new() { Name = "アップロード", Exact = true }).ClickAsync();
        await admin.GetByText("挿絵.png").First.WaitForAsync();

        await admin.GotoAsync("/admin/courses");
        await admin.GetByRole(AriaRole.Link, new() { Name = Course }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "DXとは何か ― 私たちの仕事にとっての意味" }).ClickAsync();
        var body = admin.GetByLabel("本文", new() { Exact = true });
        await body.FocusAsync();
        await admin.Keyboard.PressAsync("Control+End");
        // The library has no alternative text for this file: the editor asks for one.
        admin.Dialog += async (_, prompt) => await prompt.AcceptAsync("窓口で案内する職員");
        await admin.GetByRole(AriaRole.Button, new() { Name = "画像を挿入" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog, new() { Name = "メディアライブラリから選ぶ" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "挿絵.png" }).First.ClickAsync();

        // On a paragraph of its own after the last list item, with the words given.
        Assert.Matches(@"\n\n!\[窓口で案内する職員\]\(/media/[0-9a-f-]+/[^)]+\)\n$", await body.InputValueAsync());
        await admin.Locator(".markdown-preview img[src^='/media/'][alt='窓口で案内する職員']").WaitForAsync();
        await admin.ScreenshotAsync(new() { Path = Shot("admin-image-inserted.png"), FullPage = true });
    }
}
