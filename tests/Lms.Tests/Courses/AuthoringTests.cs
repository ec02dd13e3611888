using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Contracts.Courses;
using Lms.Modules.Courses.Data;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Courses;

public sealed class AuthoringTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
    }

    private static async Task<string> LessonTextAsync(HttpClient learner, string courseTitle)
    {
        var (_, activities, _) = await LearnerApi.CourseAsync(learner, courseTitle);
        return (string)activities[0].Node["lesson"]!["bodyHtml"]!;
    }

    [Fact]
    public async Task Learners_see_only_published_versions_while_the_author_edits_the_draft()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(admin, "窓口サービス改善入門", key: "counter-basics");
        var lesson = await Authoring.AddActivityAsync(admin, Factory, id, "lesson", "窓口の一日");
        Assert.Equal(HttpStatusCode.Redirect, (await Authoring.SaveActivityAsync(admin, id, lesson, new()
        {
            ["Form.Title"] = "窓口の一日", ["Form.EstimatedMinutes"] = "10", ["Form.Required"] = "true", ["Form.Body"] = "## はじめに\n\n最初の版です。",
        })).StatusCode);
        var learner = await LearnerApi.LearnerAsync(Factory, "demo-staff");

        // Never published: no learner can get it (nor can it be assigned yet).
        Assert.Empty(await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetPublishedCourses([id]))));
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync($"/api/v1/courses/{id}")).StatusCode);

        await Authoring.PublishAsync(admin, id);
        // The editor leads on to the assignment page with the course chosen.
        Assert.Contains("受講者に届けるには", await admin.GetStringAsync($"/admin/courses/{id}"), StringComparison.Ordinal);
        var assign = await admin.GetStringAsync($"/admin/assignments?CourseId={id}");
        Assert.Matches($"<option value=\"{id}\" selected=\"selected\">窓口サービス改善入門</option>", assign);
        await Factory.RunRecipeJsonAsync(Authoring.Assign("counter-basics"));
        await Factory.FlushDeferredWorkAsync();
        Assert.Contains("最初の版です。", await LessonTextAsync(learner, "窓口サービス改善入門"), StringComparison.Ordinal);

        // A correction goes to the draft: learners keep version 1 until it is published.
        Assert.Equal(HttpStatusCode.Redirect, (await Authoring.SaveActivityAsync(admin, id, lesson, new()
        {
            ["Form.Title"] = "窓口の一日", ["Form.EstimatedMinutes"] = "10", ["Form.Required"] = "true", ["Form.Body"] = "## はじめに\n\n直した版です。",
        })).StatusCode);
        Assert.Contains("最初の版です。", await LessonTextAsync(learner, "窓口サービス改善入門"), StringComparison.Ordinal);
        var editor = await admin.GetStringAsync($"/admin/courses/{id}");
        Assert.Contains("未公開の変更あり", editor, StringComparison.Ordinal);

        await Authoring.PublishAsync(admin, id);
        Assert.Contains("直した版です。", await LessonTextAsync(learner, "窓口サービス改善入門"), StringComparison.Ordinal);

        var versions = await Authoring.Db(Factory, db => db.Versions.Where(v => v.CourseId == id).OrderBy(v => v.Version).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal("demo-admin", v.PublishedBy));
        Assert.Equal(2, Factory.Events.Of<CoursePublished>().Count(e => e.CourseId == id));

        // The history page names who published and shows the text that changed, line by line.
        var history = await admin.GetStringAsync($"/admin/courses/{id}/history?From=1&To=2");
        Assert.Contains("demo-admin", history, StringComparison.Ordinal);
        Assert.Contains("diff-del\"><span class=\"visually-hidden\">削除:</span>- 最初の版です。", history, StringComparison.Ordinal);
        Assert.Contains("diff-add\"><span class=\"visually-hidden\">追加:</span>&#x2B; 直した版です。", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_version_restored_as_the_draft_and_published_gives_learners_its_content_under_the_same_ids()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(admin, "復元テスト");
        var lesson = await Authoring.AddActivityAsync(admin, Factory, id, "lesson", "レッスン");
        await Authoring.SaveActivityAsync(admin, id, lesson, new() { ["Form.Title"] = "レッスン", ["Form.Body"] = "一版目", ["Form.Required"] = "true" });
        await Authoring.PublishAsync(admin, id);
        var first = await Authoring.Db(Factory, db => db.Versions.SingleAsync(v => v.CourseId == id));
        await Authoring.SaveActivityAsync(admin, id, lesson, new() { ["Form.Title"] = "レッスン（改）", ["Form.Body"] = "二版目", ["Form.Required"] = "true" });
        await Authoring.PublishAsync(admin, id);

        var page = await admin.GetStringAsync($"/admin/courses/{id}/history");
        var restore = await SiteClient.PostFormAsync(admin, $"/admin/courses/{id}/history?handler=Restore",
            new() { ["version"] = "1", ["revision"] = Authoring.Revision(page).ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/admin/courses/{id}/history");
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        Assert.Equal(first.ContentJson, (await Authoring.CourseAsync(Factory, id)).DraftJson);

        await Authoring.PublishAsync(admin, id);
        var published = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetPublishedCourses([id])));
        Assert.Equal(3, published[0].Version);
        Assert.Equal("一版目", published[0].Activities.Single().Lesson!.Body);
        Assert.Equal(CourseContentId(first.ContentJson), published[0].Activities.Single().Id);
    }

    private static Guid CourseContentId(string json) => Lms.Modules.Courses.Domain.CourseContent.FromJson(json).Sections[0].Activities[0].Id;

    [Fact]
    public async Task The_second_of_two_admins_saving_the_same_draft_is_refused_and_nothing_is_overwritten()
    {
        var first = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(first, "同時編集テスト");
        var lesson = await Authoring.AddActivityAsync(first, Factory, id, "lesson", "レッスン");
        var second = await SiteClient.SignInAsync(Factory, "demo-admin");

        // Both open the same activity editor; the first saves.
        var firstPage = await first.GetStringAsync($"/admin/courses/{id}/activities/{lesson}");
        var secondPage = await second.GetStringAsync($"/admin/courses/{id}/activities/{lesson}");
        Assert.Equal(HttpStatusCode.Redirect, (await Authoring.SaveActivityAsync(first, id, lesson, new() { ["Form.Title"] = "レッスン", ["Form.Body"] = "Aさんの文章", ["Form.Required"] = "true" }, firstPage)).StatusCode);

        var refused = await Authoring.SaveActivityAsync(second, id, lesson, new() { ["Form.Title"] = "レッスン", ["Form.Body"] = "Bさんの文章", ["Form.Required"] = "true" }, secondPage);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("保存できませんでした。", html, StringComparison.Ordinal);
        Assert.Contains("Bさんの文章", html, StringComparison.Ordinal); // their text is not lost
        Assert.Equal("Aさんの文章", (await Authoring.DraftAsync(Factory, id)).Sections[0].Activities[0].Lesson!.Body);

        // The same for the outline: a stale revision changes nothing.
        var stale = await Authoring.EditAsync(second, id, "AddSection", new() { ["title"] = "古い画面から" }, revision: Authoring.Revision(secondPage, "Revision"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("保存できませんでした。", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single((await Authoring.DraftAsync(Factory, id)).Sections);

        // Having seen the message, B may knowingly save theirs over this one activity.
        var overwrite = Authoring.Revision(html.Replace("name=\"overwrite\" value=", "name=\"theirs\" value=", StringComparison.Ordinal), "theirs");
        var kept = await Authoring.SaveActivityAsync(second, id, lesson, new() { ["Form.Title"] = "レッスン", ["Form.Body"] = "Bさんの文章", ["Form.Required"] = "true", ["overwrite"] = overwrite.ToString(System.Globalization.CultureInfo.InvariantCulture) }, html);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal("Bさんの文章", (await Authoring.DraftAsync(Factory, id)).Sections[0].Activities[0].Lesson!.Body);
    }

    [Fact]
    public async Task A_quiz_written_in_the_editor_is_checked_in_Japanese_and_saved_with_its_answers()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(admin, "クイズ作成テスト");
        var quiz = await Authoring.AddActivityAsync(admin, Factory, id, "quiz", "確認クイズ");

        // Two correct options on a single-choice question: refused, in Japanese, nothing saved.
        var wrong = await Authoring.SaveActivityAsync(admin, id, quiz, new()
        {
            ["Form.Title"] = "確認クイズ", ["Form.PassPercent"] = "80", ["Form.Required"] = "true",
            ["Form.Questions[0].Text"] = "DXのDは？",
            ["Form.Questions[0].Options[0].Text"] = "デジタル", ["Form.Questions[0].Options[0].Correct"] = "true",
            ["Form.Questions[0].Options[1].Text"] = "ドキュメント", ["Form.Questions[0].Options[1].Correct"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("正解の選択肢を 1 つだけチェックしてください", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await Authoring.DraftAsync(Factory, id)).Sections[0].Activities[0].Quiz!.Questions);

        var saved = await Authoring.SaveActivityAsync(admin, id, quiz, new()
        {
            ["Form.Title"] = "確認クイズ", ["Form.PassPercent"] = "80", ["Form.AttemptsAllowed"] = "3", ["Form.Required"] = "true",
            ["Form.Questions[0].Text"] = "DXのDは？",
            ["Form.Questions[0].Options[0].Text"] = "デジタル", ["Form.Questions[0].Options[0].Correct"] = "true", ["Form.Questions[0].Options[0].Feedback"] = "そのとおり",
            ["Form.Questions[0].Options[1].Text"] = "ドキュメント", ["Form.Questions[0].Options[1].Feedback"] = "ちがいます",
            ["Form.Questions[0].Options[2].Text"] = "", // a blank row: ignored
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var question = (await Authoring.DraftAsync(Factory, id)).Sections[0].Activities[0].Quiz!.Questions.Single();
        Assert.Equal(["デジタル", "ドキュメント"], question.Options.Select(o => o.Text));
        Assert.Equal([true, false], question.Options.Select(o => o.Correct));
        Assert.Equal("そのとおり", question.Options[0].Feedback);

        // Editing again keeps the question's and options' ids (learners' answers stay attached to them).
        var page = await admin.GetStringAsync($"/admin/courses/{id}/activities/{quiz}");
        var qKey = System.Text.RegularExpressions.Regex.Match(page, "name=\"Form.Questions\\[0\\].Key\" value=\"([^\"]+)\"").Groups[1].Value;
        var oKey = System.Text.RegularExpressions.Regex.Match(page, "name=\"Form.Questions\\[0\\].Options\\[0\\].Key\" value=\"([^\"]+)\"").Groups[1].Value;
        await Authoring.SaveActivityAsync(admin, id, quiz, new()
        {
            ["Form.Title"] = "確認クイズ", ["Form.PassPercent"] = "80", ["Form.Required"] = "true",
            ["Form.Questions[0].Key"] = qKey, ["Form.Questions[0].Text"] = "DXの「D」は何の略？",
            ["Form.Questions[0].Options[0].Key"] = oKey, ["Form.Questions[0].Options[0].Text"] = "デジタル", ["Form.Questions[0].Options[0].Correct"] = "true",
            ["Form.Questions[0].Options[1].Text"] = "データ",
        }, page);
        var edited = (await Authoring.DraftAsync(Factory, id)).Sections[0].Activities[0].Quiz!.Questions.Single();
        Assert.Equal(question.Id, edited.Id);
        Assert.Equal(question.Options[0].Id, edited.Options[0].Id);
        Assert.Equal("DXの「D」は何の略？", edited.Text);
    }

    [Fact]
    public async Task Publishing_an_incomplete_draft_is_refused_with_what_is_missing()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(admin, "未完成のコース");
        await Authoring.AddActivityAsync(admin, Factory, id, "lesson", "本文のないレッスン");

        var response = await Authoring.EditAsync(admin, id, "Publish", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("「本文のないレッスン」: 本文を入力してください。", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await Authoring.CourseAsync(Factory, id)).PublishedVersion);
    }

    [Fact]
    public async Task The_outline_can_be_rearranged_with_buttons_or_by_dragging_and_a_non_empty_section_is_not_deleted()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(admin, "並べ替えテスト");
        var a = await Authoring.AddActivityAsync(admin, Factory, id, "lesson", "A");
        var b = await Authoring.AddActivityAsync(admin, Factory, id, "reflection", "B");
        await Authoring.EditAsync(admin, id, "AddSection", new() { ["title"] = "第2部" });
        var sections = (await Authoring.DraftAsync(Factory, id)).Sections;

        await Authoring.EditAsync(admin, id, "MoveActivity", new() { ["key"] = b, ["delta"] = "-1" });
        Assert.Equal(["B", "A"], (await Authoring.DraftAsync(Factory, id)).Sections[0].Activities.Select(x => x.Title));

        // Moving down past the end of a section moves into the next one (the keyboard way across sections).
        await Authoring.EditAsync(admin, id, "MoveActivity", new() { ["key"] = a, ["delta"] = "1" });
        var draft = await Authoring.DraftAsync(Factory, id);
        Assert.Equal(["B"], draft.Sections[0].Activities.Select(x => x.Title));
        Assert.Equal(["A"], draft.Sections[1].Activities.Select(x => x.Title));

        // Drag and drop sends the whole layout at once.
        await Authoring.EditAsync(admin, id, "Reorder", new() { ["layout"] = $"{sections[1].Key}:{b},{a};{sections[0].Key}:" });
        draft = await Authoring.DraftAsync(Factory, id);
        Assert.Equal(["第2部", "セクション 1"], draft.Sections.Select(s => s.Title));
        Assert.Equal(["B", "A"], draft.Sections[0].Activities.Select(x => x.Title));

        // A layout that leaves an activity out is refused whole.
        var broken = await Authoring.EditAsync(admin, id, "Reorder", new() { ["layout"] = $"{sections[1].Key}:{b};{sections[0].Key}:" });
        Assert.Contains("並べ替えている間に", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refused = await Authoring.EditAsync(admin, id, "DeleteSection", new() { ["key"] = sections[1].Key });
        Assert.Contains("先にセクション「第2部」のアクティビティを移動するか削除してください。", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await Authoring.DraftAsync(Factory, id)).Sections.Count);
    }

    [Fact]
    public async Task The_course_list_filters_by_status_tier_and_editor_and_duplicate_and_archive_work()
    {
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe());
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var draft = await Authoring.CreateAsync(admin, "管理職向け下書き", tier: "manager");
        var token = await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-admin");
        var api = SiteClient.Create(Factory).Bearer(token);

        async Task<List<string>> Titles(string query) =>
            (await api.GetFromJsonAsync<JsonArray>("/api/v1/admin/courses" + query))!.Select(c => (string)c!["title"]!).ToList();
        Assert.Equal(["管理職向け下書き"], await Titles("?status=draft"));
        Assert.Equal(["テスト一般職コース"], await Titles("?status=published"));
        Assert.Equal(["管理職向け下書き"], await Titles("?tier=manager"));
        Assert.Equal(["管理職向け下書き"], await Titles("?updatedBy=demo-admin"));
        Assert.Contains("管理職向け下書き", await admin.GetStringAsync("/admin/courses?Tier=manager"), StringComparison.Ordinal);

        var testCourse = StableGuid("course:t-general");
        var copy = await SiteClient.PostFormAsync(admin, $"/admin/courses/{testCourse}?handler=Duplicate", [], $"/admin/courses/{testCourse}");
        var copyId = Guid.Parse(copy.Headers.Location!.OriginalString.Split('/').Last());
        var copied = await Authoring.DraftAsync(Factory, copyId);
        Assert.Equal("テスト一般職コース のコピー", copied.Title);
        Assert.DoesNotContain(copied.Sections[0].Activities[0].Id, (await Authoring.DraftAsync(Factory, testCourse)).Sections[0].Activities.Select(a => a.Id));

        await SiteClient.PostFormAsync(admin, $"/admin/courses/{testCourse}?handler=Archive", [], $"/admin/courses/{testCourse}");
        Assert.Equal(["テスト一般職コース"], await Titles("?status=archived"));
        Assert.Empty(await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetPublishedCourses([testCourse]))));
    }

    private static Guid StableGuid(string name) => Lms.Framework.Data.StableGuid.From(name);
}
