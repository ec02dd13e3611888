using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lms.Contracts.Templates;
using Lms.Modules.Templates.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Templates;

/// <summary>Editing templates through the admin pages and the API, as demo-admin; staff may not.</summary>
public sealed class TemplateAdminTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string Page = "/admin/templates/mail/due-soon/ja";
    private const string Api = "/api/v1/admin/templates/mail/due-soon/ja";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    private Task<Template> StoredAsync(string key = TemplateKeys.MailDueSoon, string culture = "ja") =>
        Factory.WithScopeAsync(async sp => await sp.GetRequiredService<TemplatesDbContext>().Templates.AsNoTracking().SingleAsync(t => t.Key == key && t.Culture == culture));

    private async Task<HttpClient> ApiClientAsync(string user)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        return client.Bearer(await SiteClient.TokenAsync(client, user));
    }

    private static Dictionary<string, string> Form(Template t, string subject, string body) => new()
    {
        ["Revision"] = t.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Parts[subject]"] = subject,
        ["Parts[body]"] = body,
        ["Sample"] = t.SampleJson,
    };

    [Fact]
    public async Task The_list_shows_every_template_and_the_edit_page_its_parts_and_variables()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var list = await admin.GetStringAsync("/admin/templates");
        var edit = await admin.GetStringAsync(Page);

        Assert.Contains("受講期限が近いコースのお知らせ", list);
        Assert.Contains("/admin/templates/certificate/course/en", list);
        Assert.Contains("既定", list);
        Assert.Contains("name=\"Parts[subject]\"", edit);
        Assert.Contains("{{ recipient.name }}", edit);
        Assert.Contains("{{ course.dueDate }}", edit);
    }

    [Fact]
    public async Task Saving_on_the_page_keeps_the_text_and_marks_the_template_edited()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var before = await StoredAsync();

        var response = await SiteClient.PostFormAsync(admin, Page, Form(before, "件名 {{ course.title }}", "{{ recipient.name }} 様\r\n本文"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await StoredAsync();
        Assert.Equal(before.Revision + 1, after.Revision);
        Assert.True(after.Customized);
        Assert.Equal("demo-admin", after.UpdatedBy);
        Assert.Contains("保存しました", await admin.GetStringAsync(Page));
        Assert.Contains("編集済み", await admin.GetStringAsync("/admin/templates"));
        var rendered = await Factory.WithScopeAsync(sp => sp.GetRequiredService<MediatR.IMediator>().Send(new RenderTemplate(TemplateKeys.MailDueSoon, "ja",
            new Dictionary<string, object?> { ["recipient"] = new Dictionary<string, object?> { ["name"] = "田中" }, ["course"] = new Dictionary<string, object?> { ["title"] = "研修" } })));
        Assert.Equal(("件名 研修", "田中 様\n本文"), (rendered["subject"], rendered["body"]));
    }

    [Fact]
    public async Task A_part_that_does_not_parse_is_refused_on_the_page_naming_line_and_column_and_nothing_changes()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var before = await StoredAsync();

        var response = await SiteClient.PostFormAsync(admin, Page, Form(before, "ok", "一行目\n二行目\n三行目 {{ recipient.name }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("本文: 3 行 22 列で構文エラー", await response.Content.ReadAsStringAsync());
        var after = await StoredAsync();
        Assert.Equal((before.Revision, before.PartsJson), (after.Revision, after.PartsJson));
    }

    [Fact]
    public async Task A_part_that_does_not_parse_is_refused_by_the_API_with_line_and_column()
    {
        var api = await ApiClientAsync("demo-admin");
        var before = await StoredAsync();

        var response = await api.PutAsJsonAsync(Api, new { parts = new { subject = "{% if x %}件名", body = "本文" }, revision = before.Revision });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = json.RootElement.GetProperty("errors")[0];
        Assert.Equal("subject", error.GetProperty("part").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.True(error.GetProperty("column").GetInt32() > 0);
        Assert.StartsWith("件名: 1 行", error.GetProperty("message").GetString());
        Assert.Equal(before.PartsJson, (await StoredAsync()).PartsJson);
    }

    [Fact]
    public async Task The_API_reads_and_saves_a_template_and_refuses_a_stale_revision()
    {
        var api = await ApiClientAsync("demo-admin");
        using var read = JsonDocument.Parse(await api.GetStringAsync(Api));
        var revision = read.RootElement.GetProperty("revision").GetInt32();
        Assert.Equal("mail", read.RootElement.GetProperty("kind").GetString());
        Assert.Contains("recipient.name", read.RootElement.GetProperty("variables").EnumerateArray().Select(v => v.GetString()));

        var saved = await api.PutAsJsonAsync(Api, new { parts = new { subject = "A", body = "B" }, revision });
        var stale = await api.PutAsJsonAsync(Api, new { parts = new { subject = "C", body = "D" }, revision });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("demo-admin", await stale.Content.ReadAsStringAsync());
        Assert.Contains("\"subject\":\"A\"", (await StoredAsync()).PartsJson);
        Assert.Contains(TemplateKeys.CertificateCourse, await api.GetStringAsync("/api/v1/admin/templates"));
    }

    [Fact]
    public async Task When_two_admins_edit_at_once_the_second_save_is_refused_with_a_message()
    {
        var first = await SiteClient.SignInAsync(Factory, "demo-admin");
        var second = await SiteClient.SignInAsync(Factory, "demo-admin");
        var loaded = await StoredAsync(); // both opened the page at this revision
        var secondPage = await second.GetStringAsync(Page);

        var one = await SiteClient.PostFormAsync(first, Page, Form(loaded, "最初の人の件名", "最初の人の本文"));
        var fields = Form(loaded, "二人目の件名", "二人目の本文");
        fields["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(secondPage);
        var two = await second.PostAsync(Page, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, two.StatusCode);
        Assert.Contains("保存されていません", await two.Content.ReadAsStringAsync());
        Assert.Contains("最初の人の件名", (await StoredAsync()).PartsJson);
    }

    [Fact]
    public async Task Preview_renders_the_unsaved_text_and_saves_nothing()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var before = await StoredAsync();
        var fields = Form(before, "プレビュー {{ recipient.name }}", "<b>{{ course.title }}</b>");
        fields["Sample"] = """{"recipient": {"name": "見本 太郎"}, "course": {"title": "見本コース"}}""";

        var page = await SiteClient.PostFormAsync(admin, Page + "?handler=Preview", fields, formPage: Page);
        var json = await SiteClient.PostFormAsync(admin, Page + "?handler=PreviewJson", new Dictionary<string, string>(fields), formPage: Page);
        var api = await (await ApiClientAsync("demo-admin")).PostAsJsonAsync("/api/v1/admin/templates/preview",
            new { kind = "mail", culture = "ja", parts = new { subject = "{{ a.b }}", body = "x" }, sample = new { a = new { b = "ネスト" } } });

        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("プレビュー 見本 太郎", html);
        Assert.Contains("&lt;b&gt;見本コース&lt;/b&gt;", html); // shown as text, never as HTML
        using var script = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal("<b>見本コース</b>", script.RootElement.GetProperty("rendered").GetProperty("body").GetString());
        using var viaApi = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal("ネスト", viaApi.RootElement.GetProperty("rendered").GetProperty("subject").GetString());
        var after = await StoredAsync();
        Assert.Equal((before.Revision, before.PartsJson), (after.Revision, after.PartsJson));
    }

    [Fact]
    public async Task Preview_stops_a_runaway_loop_and_says_so()
    {
        var api = await ApiClientAsync("demo-admin");

        var response = await api.PostAsJsonAsync("/api/v1/admin/templates/preview",
            new { kind = "mail", parts = new { subject = "s", body = "{% for i in (1..100000000) %}x{% endfor %}" }, sample = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("本文", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Running_the_recipe_again_keeps_an_edited_template_but_updates_one_never_edited()
    {
        var api = await ApiClientAsync("demo-admin");
        var edited = await StoredAsync();
        await api.PutAsJsonAsync(Api, new { parts = new { subject = "管理者の件名", body = "管理者の本文" }, revision = edited.Revision });
        var json = """
            {"name": "t", "steps": [{"name": "templates", "templates": [
              {"key": "mail/due-soon", "culture": "ja", "kind": "mail", "name": "新しい名前", "parts": {"subject": "新しい既定の件名", "body": "新しい既定の本文"}},
              {"key": "mail/overdue", "culture": "ja", "kind": "mail", "name": "期限超過", "parts": {"subject": "新しい既定 {{ course.title }}", "body": "本文"}}]}]}
            """;

        await Factory.RunRecipeJsonAsync(json);

        var kept = await StoredAsync();
        Assert.Contains("管理者の件名", kept.PartsJson);
        Assert.Contains("新しい既定の件名", kept.DefaultPartsJson);
        Assert.Equal("新しい名前", kept.Name);
        Assert.Contains("新しい既定", (await StoredAsync(TemplateKeys.MailOverdue)).PartsJson);

        var restore = await SiteClient.PostFormAsync(await SiteClient.SignInAsync(Factory, "demo-admin"), Page + "?handler=Restore",
            new() { ["Revision"] = kept.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) }, formPage: Page);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var restored = await StoredAsync();
        Assert.Contains("新しい既定の件名", restored.PartsJson);
        Assert.False(restored.Customized);
    }

    [Fact]
    public async Task A_recipe_with_a_template_that_does_not_parse_is_refused_before_anything_is_written()
    {
        var json = """
            {"name": "t", "steps": [{"name": "templates", "templates": [
              {"key": "mail/new-one", "culture": "ja", "kind": "mail", "name": "新規", "parts": {"subject": "ok", "body": "ok"}},
              {"key": "mail/broken", "culture": "ja", "kind": "mail", "name": "壊れた", "parts": {"subject": "ok", "body": "a\n{{ x | nosuch }}"}}]}]}
            """;

        var e = await Assert.ThrowsAsync<Lms.Framework.Recipes.RecipeException>(() => Factory.RunRecipeJsonAsync(json));

        Assert.Contains("unknown filter 'nosuch' at line 2, column 8", e.Message);
        Assert.False(await Factory.WithScopeAsync(async sp => await sp.GetRequiredService<TemplatesDbContext>().Templates.AnyAsync(t => t.Key == "mail/new-one")));
    }

    [Fact]
    public async Task Staff_may_not_see_or_change_templates()
    {
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var api = await ApiClientAsync("demo-staff");

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/admin/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync(Api, new { parts = new { subject = "x", body = "y" }, revision = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/admin/templates/preview", new { kind = "mail", parts = new { subject = "x" } })).StatusCode);
    }
}
