using System.Net;
using Lms.Modules.Learning.Data;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Courses;

/// <summary>Authors see a draft through the learner's own pages; nothing they do there is recorded.</summary>
public sealed class PreviewTests(LmsAppFactory factory) : SiteTest(factory)
{
    private static readonly Guid CourseId = Lms.Framework.Data.StableGuid.From("course:t-general");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe());
    }

    [Fact]
    public async Task The_preview_shows_the_draft_as_a_learner_of_the_chosen_tier_would_see_it()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var lesson = (await Authoring.DraftAsync(Factory, CourseId)).Sections[0].Activities[0];
        await Authoring.SaveActivityAsync(admin, CourseId, lesson.Key, new() { ["Form.Title"] = "レッスン1（改訂中）", ["Form.Body"] = "下書きの本文", ["Form.Required"] = "true" });

        var course = await admin.GetStringAsync($"/learn/courses/{CourseId}/preview?tier=manager");
        Assert.Contains("下書きのプレビュー（未公開）", course, StringComparison.Ordinal);
        Assert.Contains("管理職の受講者として表示しています。", course, StringComparison.Ordinal);
        Assert.Contains("このコースはこの階層向けではありません。", course, StringComparison.Ordinal); // t-general is for general staff
        Assert.Contains("レッスン1（改訂中）", course, StringComparison.Ordinal);
        // Locked activities stay reachable for the author (the lock is still shown as learners will see it).
        var quiz = (await Authoring.DraftAsync(Factory, CourseId)).Sections[0].Activities[1];
        Assert.Contains($"/learn/courses/{CourseId}/preview/activities/{quiz.Id}?tier=manager", course, StringComparison.Ordinal);

        var page = await admin.GetStringAsync($"/learn/courses/{CourseId}/preview/activities/{lesson.Id}?tier=general");
        Assert.Contains("下書きの本文", page, StringComparison.Ordinal);

        // Learners still get the published text.
        var learner = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(learner);
        Assert.Equal("レッスン1", activities[0].Title);
    }

    [Fact]
    public async Task Answering_a_quiz_in_the_preview_scores_it_and_stores_nothing()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var quiz = (await Authoring.DraftAsync(Factory, CourseId)).Sections[0].Activities[1];
        var url = $"/learn/courses/{CourseId}/preview/activities/{quiz.Id}?tier=general";
        var page = await admin.GetStringAsync(url);
        var answers = new Dictionary<string, string> { ["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(page) };
        var single = quiz.Quiz!.Questions[0];
        answers[$"q.{single.Id}"] = single.Options.Single(o => o.Correct).Id.ToString();
        var form = new FormUrlEncodedContent(answers.Append(new($"q.{quiz.Quiz.Questions[1].Id}", quiz.Quiz.Questions[1].Options.First(o => !o.Correct).Id.ToString())));

        var response = await admin.PostAsync(url.Replace("?tier=general", "?tier=general&handler=Quiz", StringComparison.Ordinal), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("50%", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithScopeAsync(sp => sp.GetRequiredService<LearningDbContext>().QuizAttempts.CountAsync()));
    }

    [Fact]
    public async Task The_activity_forms_post_to_their_own_page_in_both_the_learner_s_view_and_the_preview()
    {
        // The activity page has two routes (learner and preview): its forms name their action outright.
        var lesson = (await Authoring.DraftAsync(Factory, CourseId)).Sections[0].Activities[0];
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var page = await staff.GetStringAsync($"/learn/activities/{lesson.Id}");
        Assert.Matches($"<form method=\"post\" action=\"/learn/activities/{lesson.Id}\\?handler=Complete\"[^>]*>\\s*<button[^<]*</button>\\s*<input name=\"__RequestVerificationToken\"", page);
        var done = await SiteClient.PostFormAsync(staff, $"/learn/activities/{lesson.Id}?handler=Complete", [], $"/learn/activities/{lesson.Id}");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var preview = await admin.GetStringAsync($"/learn/courses/{CourseId}/preview/activities/{lesson.Id}?tier=general");
        Assert.Contains($"action=\"/learn/courses/{CourseId}/preview/activities/{lesson.Id}?tier=general&amp;handler=Complete\"", preview, StringComparison.Ordinal);
        var refused = await SiteClient.PostFormAsync(admin, $"/learn/courses/{CourseId}/preview/activities/{lesson.Id}?tier=general&handler=Complete", [],
            $"/learn/courses/{CourseId}/preview/activities/{lesson.Id}?tier=general");
        Assert.Contains("プレビューのため保存されません。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_course_never_published_can_be_previewed_but_not_opened_as_a_learner()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(admin, "まだ誰にも見えないコース");
        Assert.Contains("まだ誰にも見えないコース", await admin.GetStringAsync($"/learn/courses/{id}/preview"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/learn/courses/{id}")).StatusCode);
    }
}
