using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;

namespace Lms.Tests.Courses;

/// <summary>ManageCourses writes drafts; only PublishCourses changes what learners see.</summary>
public sealed class PublishingRightsTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
    }

    [Fact]
    public async Task An_author_writes_and_asks_for_review_but_cannot_publish_or_archive_and_an_admin_then_publishes()
    {
        var author = await SiteClient.SignInAsync(Factory, "demo-author");
        var id = await Authoring.CreateAsync(author, "作成者のコース");
        var lesson = await Authoring.AddActivityAsync(author, Factory, id, "lesson", "レッスン");
        await Authoring.SaveActivityAsync(author, id, lesson, new() { ["Form.Title"] = "レッスン", ["Form.Body"] = "本文", ["Form.Required"] = "true" });

        var editor = await author.GetStringAsync($"/admin/courses/{id}");
        Assert.Contains("確認と公開を依頼する", editor, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Publish", editor, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Authoring.EditAsync(author, id, "Publish", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Authoring.EditAsync(author, id, "Archive", [])).StatusCode);
        var authorApi = SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-author"));
        Assert.Equal(HttpStatusCode.Forbidden, (await authorApi.PostAsync($"/api/v1/admin/courses/{id}/publish", null)).StatusCode);
        Assert.Null((await Authoring.CourseAsync(Factory, id)).PublishedVersion);

        Assert.Equal(HttpStatusCode.Redirect, (await Authoring.EditAsync(author, id, "RequestReview", [])).StatusCode);
        Assert.Equal("demo-author", (await Authoring.CourseAsync(Factory, id)).ReviewRequestedBy);

        var admin = SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-admin"));
        var waiting = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/admin/courses?status=review"))!;
        Assert.Equal("作成者のコース", (string)waiting.Single()!["title"]!);
        var published = await admin.PostAsync($"/api/v1/admin/courses/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(1, (int)(await LearnerApi.ReadAsync(published))["version"]!);
        Assert.Null((await Authoring.CourseAsync(Factory, id)).ReviewRequestedAt);
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/v1/admin/courses?status=review"))!);
    }

    [Fact]
    public async Task Staff_cannot_open_the_course_editor_its_api_or_a_preview()
    {
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe());
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var id = Lms.Framework.Data.StableGuid.From("course:t-general");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin/courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/admin/courses/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/learn/courses/{id}/preview")).StatusCode);
        var api = SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-staff"));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/admin/courses")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/admin/courses/{id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/v1/admin/courses/{id}/publish", null)).StatusCode);
        var recipe = await api.PostAsync("/api/v1/admin/recipes", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(recipe.StatusCode == HttpStatusCode.Forbidden, $"{recipe.StatusCode} {await recipe.Content.ReadAsStringAsync()}");
    }
}
