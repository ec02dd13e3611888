using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LearnerTests(BrowserFixture fixture)
{
    private const string CoreTitle = "共通コア：DXの基本と市民目線";

    [BrowserTest]
    public async Task Demo_staff_completes_lessons_passes_the_quiz_and_watches_the_progress_bar_reach_100()
    {
        var page = await fixture.NewPageAsync(390, 844); // a phone
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("職員番号またはメールアドレス").FillAsync("demo-staff");
        await page.GetByLabel("パスワード").FillAsync("Demo-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.WaitForURLAsync("**/");
        await Shot(page, "learner-home.png");

        await page.GetByRole(AriaRole.Link, new() { Name = CoreTitle }).ClickAsync();
        await page.WaitForURLAsync("**/learn/courses/**");
        var before = await PercentAsync(page);
        await Shot(page, "learner-course.png");

        // The lessons, one after another: "mark as complete" leads to the next activity.
        await page.Locator(".activity-list a").First.ClickAsync();
        for (var lesson = 0; lesson < 4; lesson++)
        {
            if (lesson == 0)
            {
                await Shot(page, "learner-lesson.png");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "完了にする" }).ClickAsync();
            await page.GetByRole(AriaRole.Status).WaitForAsync();
        }

        Assert.True(await PercentAsync(page) > before);

        // The quiz: the right answers come from the curriculum recipe itself.
        foreach (var (question, options) in CorrectAnswers("step0-core", "quiz-basics"))
        {
            var fieldset = page.Locator("fieldset.question", new() { HasText = question });
            foreach (var option in options)
            {
                await fieldset.GetByText(option, new() { Exact = true }).ClickAsync();
            }
        }

        await Shot(page, "learner-quiz.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "解答を送信する" }).ClickAsync();
        await page.GetByText("合格：100%").WaitForAsync();
        await Shot(page, "learner-quiz-passed.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "コースに戻る" }).First.ClickAsync();
        Assert.Equal(100, await PercentAsync(page));
        await page.GetByText("このコースを修了しました").WaitForAsync();
        await Shot(page, "learner-course-complete.png");
    }

    private static async Task<int> PercentAsync(IPage page) =>
        int.Parse(await page.Locator("[role=progressbar]").First.GetAttributeAsync("aria-valuenow") ?? "-1", CultureInfo.InvariantCulture);

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name), FullPage = true });

    private static IEnumerable<(string Question, string[] Options)> CorrectAnswers(string course, string quiz)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Lms.sln")))
        {
            directory = directory.Parent;
        }

        using var recipe = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "recipes", "step0-dx-mindset.recipe.json")));
        var activity = recipe.RootElement.GetProperty("steps")[0].GetProperty("courses").EnumerateArray()
            .Single(c => c.GetProperty("key").GetString() == course).GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("activities").EnumerateArray()).Single(a => a.GetProperty("key").GetString() == quiz);
        return activity.GetProperty("questions").EnumerateArray().Select(q => (
            q.GetProperty("text").GetString()!,
            q.GetProperty("options").EnumerateArray().Where(o => o.GetProperty("correct").GetBoolean()).Select(o => o.GetProperty("text").GetString()!).ToArray())).ToList();
    }
}
