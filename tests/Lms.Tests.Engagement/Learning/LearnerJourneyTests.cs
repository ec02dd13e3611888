using System.Net;
using System.Net.Http.Json;
using Lms.Contracts.Learning;
using Lms.Modules.Learning.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Learning;

public sealed class LearnerJourneyTests(LmsAppFactory factory) : SiteTest(factory)
{
    private static readonly Dictionary<string, string[]> Right = new() { ["単一選択"] = ["正しい"], ["複数選択"] = ["正1", "正2"] };
    private static readonly Dictionary<string, string[]> HalfRight = new() { ["単一選択"] = ["正しい"], ["複数選択"] = ["正1"] };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe());
    }

    private Task<T> Db<T>(Func<LearningDbContext, Task<T>> query) => Factory.WithScopeAsync(sp => query(sp.GetRequiredService<LearningDbContext>()));

    [Fact]
    public async Task A_learner_works_through_the_course_to_completion_and_each_step_is_recorded_once()
    {
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (courseId, activities, course) = await LearnerApi.CourseAsync(client);
        Assert.Equal(["lesson", "quiz", "reflection", "survey", "workshop"], activities.Select(a => a.Kind));
        Assert.Equal(["open", "locked", "locked", "locked", "locked"], activities.Select(a => a.State));
        Assert.DoesNotContain("<script", (string)activities[0].Node["lesson"]!["bodyHtml"]!, StringComparison.Ordinal);
        Assert.Null(activities[1].Node["quiz"]); // locked: named, not shown

        var lesson = await LearnerApi.ReadAsync(await client.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null));
        Assert.Equal(25, (int)lesson["percentComplete"]!); // 1 of 4 required (the workshop is optional)
        (_, activities, _) = await LearnerApi.CourseAsync(client);
        Assert.Equal("open", activities[1].State);
        Assert.DoesNotContain("correct", activities[1].Node.ToJsonString(), StringComparison.OrdinalIgnoreCase); // never the answers

        var failed = await LearnerApi.ReadAsync(await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", LearnerApi.Answers(activities[1], HalfRight)));
        Assert.False((bool)failed["passed"]!);
        Assert.Equal(50, (int)failed["score"]!);
        Assert.Equal(1, (int)failed["attemptsLeft"]!);
        Assert.Contains(failed["feedback"]!.AsArray(), f => (bool)f!["correct"]! == false);

        var passed = await LearnerApi.ReadAsync(await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", LearnerApi.Answers(activities[1], Right)));
        Assert.True((bool)passed["passed"]!);
        Assert.Equal(100, (int)passed["score"]!);
        Assert.Equal(50, (int)passed["percentComplete"]!);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/activities/{activities[2].Id}/completion", new { text = "市民の立場で窓口の流れを見直したい。" })).StatusCode);
        var last = await LearnerApi.ReadAsync(await client.PostAsJsonAsync($"/api/v1/activities/{activities[3].Id}/completion", new { answers = new { m1 = 4, m2 = 5 } }));
        Assert.True((bool)last["courseCompleted"]!);
        Assert.Equal(100, (int)last["percentComplete"]!);

        var enrolment = (await LearnerApi.EnrolmentsAsync(client)).Single(e => (string)e!["courseId"]! == courseId.ToString())!;
        Assert.Equal("completed", (string)enrolment["status"]!);
        Assert.Equal(4, Factory.Events.Of<ActivityCompleted>().Count);
        Assert.Single(Factory.Events.Of<CourseCompleted>());
        var survey = Assert.Single(Factory.Events.Of<SurveySubmitted>());
        Assert.Equal(("step0-mindset", "pre", 4), (survey.Instrument, survey.Phase, survey.Answers["m1"]));
    }

    [Fact]
    public async Task Completing_twice_at_the_same_moment_records_one_completion_and_one_event()
    {
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await Db(db => db.Completions.CountAsync(c => c.ActivityId == activities[0].Id)));
        Assert.Single(Factory.Events.Of<ActivityCompleted>());
    }

    [Fact]
    public async Task Bad_input_gets_a_Japanese_problem_and_records_nothing()
    {
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(client);

        var locked = await client.PostAsync($"/api/v1/activities/{activities[2].Id}/completion", null);
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Contains("前のアクティビティを終える", (string)(await LearnerApi.ReadAsync(locked))["detail"]!, StringComparison.Ordinal);

        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(sequential: false));
        var tooShort = await client.PostAsJsonAsync($"/api/v1/activities/{activities[2].Id}/completion", new { text = "短い" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("10文字以上", (string)(await LearnerApi.ReadAsync(tooShort))["detail"]!, StringComparison.Ordinal);

        var unanswered = await client.PostAsJsonAsync($"/api/v1/activities/{activities[3].Id}/completion", new { answers = new { m1 = 4 } });
        Assert.Equal(HttpStatusCode.BadRequest, unanswered.StatusCode);
        var outOfScale = await client.PostAsJsonAsync($"/api/v1/activities/{activities[3].Id}/completion", new { answers = new { m1 = 4, m2 = 9 } });
        Assert.Equal(HttpStatusCode.BadRequest, outOfScale.StatusCode);

        var unknownQuestion = await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", new { answers = new Dictionary<string, string[]> { [Guid.NewGuid().ToString()] = [Guid.NewGuid().ToString()] } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownQuestion.StatusCode);
        Assert.Contains("問題", (string)(await LearnerApi.ReadAsync(unknownQuestion))["detail"]!, StringComparison.Ordinal);

        var lessonAsQuiz = await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[0].Id}/attempts", new { answers = new { } });
        Assert.Equal(HttpStatusCode.NotFound, lessonAsQuiz.StatusCode);

        Assert.Equal(0, await Db(db => db.Completions.CountAsync()));
        Assert.Equal(0, await Db(db => db.QuizAttempts.CountAsync()));
        Assert.Equal(0, await Db(db => db.Responses.CountAsync()));
    }

    [Fact]
    public async Task Attempts_run_out_after_the_limit()
    {
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        await client.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null);
        (_, activities, _) = await LearnerApi.CourseAsync(client);
        var wrong = LearnerApi.Answers(activities[1], new() { ["単一選択"] = ["誤り"], ["複数選択"] = ["誤"] });

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", wrong)).StatusCode);
        var second = await LearnerApi.ReadAsync(await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", wrong));
        Assert.Equal(0, (int)second["score"]!);
        Assert.Contains(second["feedback"]!.AsArray().SelectMany(f => f!["options"]!.AsArray()), o => (bool?)o!["correct"] == true); // no attempt left: the answers are shown
        var third = await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", LearnerApi.Answers(activities[1], Right));

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal(2, await Db(db => db.QuizAttempts.CountAsync()));
    }

    [Fact]
    public async Task Nobody_sees_or_completes_a_course_they_are_not_enrolled_in()
    {
        var staff = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (courseId, activities, _) = await LearnerApi.CourseAsync(staff);
        var manager = await LearnerApi.LearnerAsync(Factory, "demo-manager"); // a manager: not in the general-tier course

        Assert.DoesNotContain(await LearnerApi.EnrolmentsAsync(manager), e => (string)e!["courseId"]! == courseId.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/courses/{courseId}")).StatusCode);
        var attempt = await manager.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null);
        Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.DoesNotContain("レッスン1", await attempt.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SiteClient.Create(Factory).GetAsync("/api/v1/me/enrolments")).StatusCode);
        Assert.Equal(0, await Db(db => db.Completions.CountAsync()));
    }

    [Fact]
    public async Task A_new_version_keeps_progress_adds_what_is_new_and_leaves_completed_courses_completed()
    {
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        await client.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null);

        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(extraLesson: true));

        var (_, v2, course) = await LearnerApi.CourseAsync(client);
        Assert.Equal(2, (int)course["version"]!);
        Assert.Equal("completed", v2[0].State);
        Assert.Equal(6, v2.Count);
        Assert.Equal(20, (int)course["enrolment"]!["percentComplete"]!); // 1 of 5 required

        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(extraLesson: true)); // unchanged: no version 3
        Assert.Equal(2, (int)(await LearnerApi.CourseAsync(client)).Course["version"]!);
    }

    [Fact]
    public async Task A_course_completed_before_a_new_version_stays_completed()
    {
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(sequential: false));
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        await CompleteRequiredAsync(client, activities);

        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(extraLesson: true, sequential: false));

        var (_, _, course) = await LearnerApi.CourseAsync(client);
        Assert.Equal("completed", (string)course["enrolment"]!["status"]!);
        Assert.Equal(100, (int)course["enrolment"]!["percentComplete"]!);
        Assert.Single(Factory.Events.Of<CourseCompleted>());
    }

    [Fact]
    public async Task A_new_version_without_the_last_activity_someone_had_left_completes_their_course()
    {
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(extraLesson: true, sequential: false));
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        await CompleteRequiredAsync(client, activities);
        Assert.Empty(Factory.Events.Of<CourseCompleted>()); // the extra lesson is still to do

        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(sequential: false)); // version 3 drops it

        Assert.Single(Factory.Events.Of<CourseCompleted>());
        Assert.Equal("completed", (string)(await LearnerApi.CourseAsync(client)).Course["enrolment"]!["status"]!);
    }

    [Fact]
    public async Task With_limited_attempts_a_failed_attempt_does_not_give_the_answers_away()
    {
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        await client.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null);
        (_, activities, _) = await LearnerApi.CourseAsync(client);

        var failed = await LearnerApi.ReadAsync(await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", LearnerApi.Answers(activities[1], HalfRight)));

        var options = failed["feedback"]!.AsArray().SelectMany(f => f!["options"]!.AsArray()).ToList();
        Assert.All(options, o => Assert.Null((string?)o!["feedback"]));
        Assert.All(options, o => Assert.Null((bool?)o!["correct"]));
    }

    [Fact]
    public async Task Facilitators_read_the_reflections_shared_with_them_and_learners_cannot()
    {
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(sequential: false));
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        await client.PostAsJsonAsync($"/api/v1/activities/{activities[2].Id}/completion", new { text = "窓口の待ち時間を市民の立場で測ってみたい。" });

        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = await admin.GetStringAsync($"/facilitate/reflections?activity={activities[2].Id}");
        Assert.Contains("窓口の待ち時間を市民の立場で測ってみたい。", page, StringComparison.Ordinal);
        Assert.Contains("業務改革係", page, StringComparison.Ordinal); // who wrote it, by unit

        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/facilitate/reflections?activity={activities[2].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/facilitate/sessions")).StatusCode);
    }

    /// <summary>The four required activities of the (non-sequential) test course, done right.</summary>
    private static async Task CompleteRequiredAsync(HttpClient client, IReadOnlyList<Activity> activities)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", LearnerApi.Answers(activities[1], Right))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/activities/{activities[2].Id}/completion", new { text = "十分な長さのふりかえりです。" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/v1/activities/{activities[3].Id}/completion", new { answers = new { m1 = 3, m2 = 3 } })).StatusCode);
    }
}
