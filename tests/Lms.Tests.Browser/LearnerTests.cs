using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Lms.Tests.Browser.BrowserPages;

namespace Lms.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LearnerTests(BrowserFixture fixture)
{
    private const string GeneralTitle = "一般職コース：気づき、試し、形にする";

    /// <summary>demo-staff as the demo history leaves them: the core done, part-way through the general-staff course.</summary>
    [BrowserTest]
    public async Task Demo_staff_completes_a_lesson_passes_a_quiz_and_watches_the_progress_bar_move()
    {
        var page = await SignInAsync(fixture, "demo-staff", 390, 844); // a phone
        var home = await page.Locator(".course-list").InnerTextAsync();
        Assert.Contains("100% 完了", home, StringComparison.Ordinal); // the common core
        Assert.Contains("期限", home, StringComparison.Ordinal);
        await Shot(page, "learner-home.png");

        await page.GetByRole(AriaRole.Link, new() { Name = GeneralTitle }).ClickAsync();
        await ArrivedAsync(page, new System.Text.RegularExpressions.Regex("/learn/courses/[^?#]+$"));
        var before = await PercentAsync(page);
        Assert.InRange(before, 1, 99);
        await Shot(page, "learner-course.png");

        // "Continue" opens the next lesson; "mark as complete" moves on to the quiz after it.
        await page.Locator("a.button-primary").First.ClickAsync();
        await Shot(page, "learner-lesson.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "完了にする" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        var afterLesson = await PercentAsync(page);
        Assert.True(afterLesson > before, $"{afterLesson} > {before}");

        foreach (var (question, options) in CorrectAnswers("step0-general", "quiz-mindset"))
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
        Assert.True(await PercentAsync(page) > afterLesson);
        await Shot(page, "learner-quiz-passed.png");
        await page.ReloadAsync(); // the result stays; nothing is submitted again
        await page.GetByText("合格：100%").WaitForAsync();
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
