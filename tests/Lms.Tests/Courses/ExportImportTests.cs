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

public sealed class ExportImportTests(LmsAppFactory factory) : SiteTest(factory)
{
    private async Task<HttpClient> AdminApiAsync() =>
        SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-admin"));

    [Fact]
    public async Task The_Step0_curriculum_exported_and_imported_into_an_empty_site_gives_the_same_courses()
    {
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeAsync("step0-dx-mindset.recipe.json");
        var installed = await Authoring.Db(Factory, db => db.Courses.AsNoTracking()
            .Join(db.Versions, c => new { c.Id, V = c.PublishedVersion!.Value }, v => new { Id = v.CourseId, V = v.Version }, (c, v) => new { c.Id, c.Key, v.ContentJson })
            .ToListAsync());
        Assert.True(installed.Count >= 4, $"{installed.Count} courses installed");

        var export = await (await AdminApiAsync()).GetStringAsync("/api/v1/admin/courses/export");
        var recipe = JsonNode.Parse(export)!;
        Assert.Equal("courses", (string)recipe["steps"]![0]!["name"]!);
        Assert.False((bool)recipe["steps"]![0]!["publish"]!);
        Assert.DoesNotContain("\"id\"", export, StringComparison.Ordinal); // keys only: ids follow from them

        // An empty site (a new city): only the setup recipe and an admin.
        await Factory.ResetAsync();
        await Factory.SeedDemoAsync(100);
        var response = await (await AdminApiAsync()).PostAsync("/api/v1/admin/recipes", new StringContent(export, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await LearnerApi.ReadAsync(response))["items"]!.AsArray();
        Assert.Equal(installed.Count, items.Count(i => (string)i!["kind"]! == "course" && (string)i["change"]! == "created"));

        var imported = await Authoring.Db(Factory, db => db.Courses.AsNoTracking().ToListAsync());
        foreach (var course in installed)
        {
            var copy = imported.Single(c => c.Key == course.Key);
            Assert.Equal(course.Id, copy.Id);
            Assert.Equal(course.ContentJson, copy.DraftJson); // the same document, byte for byte
            Assert.Equal(CourseStatus.Draft, copy.Status);
        }

        // Imported as drafts: learners see nothing until an admin publishes.
        Assert.Empty(await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetPublishedCourses())));
    }

    [Fact]
    public async Task One_course_exports_alone_and_importing_it_again_updates_only_its_draft()
    {
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe());
        var api = await AdminApiAsync();
        var id = Lms.Framework.Data.StableGuid.From("course:t-general");
        var export = JsonNode.Parse(await api.GetStringAsync($"/api/v1/admin/courses/{id}/export"))!;
        var courses = export["steps"]![0]!["courses"]!.AsArray();
        Assert.Equal("t-general", (string)courses.Single()!["key"]!);
        var lesson = courses[0]!["sections"]![0]!["activities"]![0]!.AsObject();
        Assert.False(lesson.ContainsKey("questions")); // only the fields of its kind
        lesson["body"] = "取り込みで変えた本文";

        var response = await api.PostAsync("/api/v1/admin/recipes", new StringContent(export.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = (await LearnerApi.ReadAsync(response))["items"]![0]!;
        Assert.Equal("updated", (string)item["change"]!);
        Assert.Equal("取り込みで変えた本文", (await Authoring.DraftAsync(Factory, id)).Sections[0].Activities[0].Lesson!.Body);
        var published = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetPublishedCourses([id])));
        Assert.Equal(1, published.Single().Version);
        Assert.NotEqual("取り込みで変えた本文", published.Single().Activities.First().Lesson!.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/admin/courses/{Guid.NewGuid()}/export")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_recipe_is_refused_whole_and_changes_nothing()
    {
        await Factory.SeedDemoAsync(100);
        var api = await AdminApiAsync();
        var before = await Authoring.Db(Factory, db => db.Courses.CountAsync());
        var recipe = """
        {"name": "bad", "steps": [{"name": "courses", "publish": false, "courses": [
          {"key": "good-one", "title": "正しいコース", "tiers": ["general"], "sections": [{"key": "s", "title": "s", "activities": [{"key": "l", "kind": "lesson", "title": "L", "body": "本文"}]}]},
          {"key": "bad-one", "title": "壊れたコース", "tiers": ["general"], "sections": [{"key": "s", "title": "s", "activities": [{"key": "q", "kind": "quiz", "title": "Q", "questions": []}]}]}
        ]}]}
        """;
        var response = await api.PostAsync("/api/v1/admin/recipes", new StringContent(recipe, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad-one", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Authoring.Db(Factory, db => db.Courses.CountAsync()));

        var notJson = await api.PostAsync("/api/v1/admin/recipes", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    [Fact]
    public async Task The_course_list_imports_only_course_recipes_and_an_author_s_import_stays_a_draft()
    {
        await Factory.SeedDemoAsync(100);
        var author = await SiteClient.SignInAsync(Factory, "demo-author");
        async Task<HttpResponseMessage> Upload(string json)
        {
            var page = await author.GetStringAsync("/admin/courses");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(SiteClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
                { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json)), "file", "import.recipe.json" },
            };
            return await author.PostAsync("/admin/courses?handler=Import", form);
        }

        var roles = await Upload("""{"name": "sneaky", "steps": [{"name": "roles", "roles": [{"name": "Admin", "permissions": []}]}]}""");
        Assert.Contains("コースのエクスポートファイルではありません。", await roles.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A publishing recipe from an author lands as a draft all the same.
        var published = await Upload("""
            {"name": "author-import", "steps": [{"name": "courses", "publish": true, "courses": [
              {"key": "t-general", "title": "取り込んだコース", "tiers": ["general"], "sections": [{"key": "s", "title": "s", "activities": [{"key": "l", "kind": "lesson", "title": "L", "body": "本文"}]}]}]}]}
            """);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var course = await Authoring.CourseAsync(Factory, Lms.Framework.Data.StableGuid.From("course:t-general"));
        Assert.Null(course.PublishedVersion);
        Assert.Equal("demo-author", course.CreatedBy);
    }
}
