using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;

namespace Lms.Tests.Courses;

/// <summary>
/// Script written into any text of a course (titles, Markdown, options, feedback, items) never runs on a
/// learner's or an author's page: Razor encodes text, and Markdown goes through the sanitiser.
/// </summary>
public sealed partial class XssCorpusTests(LmsAppFactory factory) : SiteTest(factory)
{
    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "![x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<style>@import 'javascript:alert(1)';</style>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<object data=\"javascript:alert(1)\"></object>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<input autofocus onfocus=alert(1)>",
        "`<script>alert(1)</script>`",
    ];

    private static readonly string All = string.Join("\n\n", Payloads);

    private static string J(string text) => JsonSerializer.Serialize(text);

    private static string Recipe() => $$"""
    {"name": "xss", "steps": [
      {"name": "courses", "courses": [{
        "key": "xss-course", "title": {{J("コース" + Payloads[1])}}, "summary": {{J(All)}}, "tiers": ["general"], "sequential": false,
        "sections": [{"key": "s1", "title": {{J("部" + Payloads[0])}}, "summary": {{J(Payloads[9])}}, "activities": [
          {"key": "l1", "kind": "lesson", "title": {{J("レッスン" + Payloads[8])}}, "body": {{J(All)}}, "attachmentName": {{J(Payloads[2])}}, "attachmentUrl": "/media/x.pdf"},
          {"key": "q1", "kind": "quiz", "title": {{J("クイズ" + Payloads[12])}}, "intro": {{J(All)}}, "passPercent": 50, "questions": [
            {"key": "a", "text": {{J(Payloads[0] + Payloads[1])}}, "options": [
              {"key": "x", "text": {{J(Payloads[6])}}, "correct": true, "feedback": {{J(Payloads[10])}}},
              {"key": "y", "text": {{J(Payloads[20])}}, "feedback": {{J(Payloads[13])}}}]}]},
          {"key": "r1", "kind": "reflection", "title": "振り返り", "prompt": {{J(All)}}},
          {"key": "v1", "kind": "survey", "title": "アンケート", "intro": {{J(All)}}, "items": [{"key": "i", "text": {{J(Payloads[11] + Payloads[18])}}}]},
          {"key": "w1", "kind": "workshop", "title": "ワークショップ", "description": {{J(All)}}, "facilitatorNotes": {{J(All)}}, "durationMinutes": 60, "delivery": "onsite"}
        ]}]}]},
      {"name": "course-assignments", "assignments": [{"course": "xss-course", "audience": "tier", "tier": "general"}]}
    ]}
    """;

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"];
    private static readonly string[] ActiveElements = ["iframe", "object", "embed", "svg", "math", "style", "frame", "base", "meta", "link"];

    /// <summary>
    /// Markup that would run script, found by parsing the page as a browser would: an event-handler
    /// attribute, a script URL, a script element that is not one of ours, or an active-content element
    /// inside the page's main content.
    /// </summary>
    public static IEnumerable<string> Dangers(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"<{element.LocalName} {attribute.Name}=...>";
                }

                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase)
                    && (value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("data:text", StringComparison.OrdinalIgnoreCase)))
                {
                    yield return $"<{element.LocalName} {attribute.Name}=\"{attribute.Value}\">";
                }

                if (attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase) && value.Contains("url(", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"<{element.LocalName} style=\"{attribute.Value}\">";
                }
            }

            if (element.LocalName == "script" && !(element.GetAttribute("src") ?? "").StartsWith("/_content/", StringComparison.Ordinal))
            {
                yield return "<script> " + element.TextContent;
            }

            if (ActiveElements.Contains(element.LocalName) && element.Closest("main") is not null)
            {
                yield return $"<{element.LocalName}>";
            }
        }
    }

    [Fact]
    public async Task No_payload_reaches_a_learner_s_or_an_author_s_page_as_markup()
    {
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeJsonAsync(Recipe());
        var learner = await SiteClient.SignInAsync(Factory, "demo-staff");
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = Lms.Framework.Data.StableGuid.From("course:xss-course");
        var draft = await Authoring.DraftAsync(Factory, id);
        var activities = draft.Sections.SelectMany(s => s.Activities).ToList();

        var pages = new List<(string Who, HttpClient Client, string Path)>
        {
            ("learner", learner, "/"),
            ("learner", learner, $"/learn/courses/{id}"),
            ("admin", admin, "/admin/courses"),
            ("admin", admin, $"/admin/courses/{id}"),
            ("admin", admin, $"/learn/courses/{id}/preview"),
        };
        pages.AddRange(activities.Select(a => ("learner", learner, $"/learn/activities/{a.Id}")));
        pages.AddRange(activities.Select(a => ("admin", admin, $"/admin/courses/{id}/activities/{a.Key}")));
        pages.AddRange(activities.Select(a => ("admin", admin, $"/learn/courses/{id}/preview/activities/{a.Id}")));

        foreach (var (who, client, path) in pages)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {path}: {response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(!Dangers(html).Any(), $"{who} {path}: {string.Join(" | ", Dangers(html))}");
        }

        // The learner API hands out Markdown as sanitised HTML too.
        var api = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync($"/api/v1/courses/{id}"))!;
        var htmlFields = HtmlFields(json).ToList();
        Assert.NotEmpty(htmlFields);
        foreach (var field in htmlFields)
        {
            Assert.True(!Dangers(field).Any(), string.Join(" | ", Dangers(field)));
        }

        // And so does the editor's live preview.
        var token = await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-admin");
        var preview = await SiteClient.Create(Factory).Bearer(token).PostAsync("/api/v1/admin/markdown/preview",
            new StringContent(JsonSerializer.Serialize(new { markdown = All }), System.Text.Encoding.UTF8, "application/json"));
        var rendered = JsonSerializer.Deserialize<JsonElement>(await preview.Content.ReadAsStringAsync()).GetProperty("html").GetString()!;
        Assert.True(!Dangers(rendered).Any(), string.Join(" | ", Dangers(rendered)));
        Assert.Contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>", rendered, StringComparison.Ordinal);
    }

    /// <summary>The API's HTML fields (bodyHtml, introHtml, ...); its other texts are plain text for the client to encode.</summary>
    private static IEnumerable<string> HtmlFields(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => p.Key.EndsWith("Html", StringComparison.Ordinal) && p.Value is not null ? [(string)p.Value!] : HtmlFields(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(HtmlFields),
        _ => [],
    };

    [Fact]
    public async Task Script_addresses_in_link_fields_are_refused_by_the_editor()
    {
        await Factory.SeedDemoAsync(100);
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var id = await Authoring.CreateAsync(admin, "リンク検査");
        var lesson = await Authoring.AddActivityAsync(admin, Factory, id, "lesson", "レッスン");
        var response = await Authoring.SaveActivityAsync(admin, id, lesson, new()
        {
            ["Form.Title"] = "レッスン", ["Form.Body"] = "本文", ["Form.Required"] = "true", ["Form.VideoUrl"] = "javascript:alert(1)",
        });
        Assert.Contains("http(s) のアドレスか、このサイト内のパスを指定してください", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await Authoring.DraftAsync(Factory, id)).Sections[0].Activities[0].Lesson!.VideoUrl);

        var cover = await Authoring.EditAsync(admin, id, "Details", new() { ["title"] = "リンク検査", ["coverImageUrl"] = "//evil.example/x.png" });
        Assert.Contains("表紙画像には http(s) のアドレスか", await cover.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
