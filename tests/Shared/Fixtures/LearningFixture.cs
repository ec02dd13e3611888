using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Learning;

/// <summary>
/// A small course every Learning test knows by heart (keys, correct answers), installed through the
/// same recipe steps as the Step-0 curriculum, and API helpers for a learner.
/// </summary>
internal static class TestCourse
{
    public const string Key = "t-general";

    /// <param name="extraLesson">Adds a lesson at the end: "version 2" of the course.</param>
    public static string Recipe(bool extraLesson = false, bool sequential = true, int attempts = 2, string audience = """{"course": "t-general", "audience": "tier", "tier": "general", "dueInDays": 14}""") => $$"""
    {
      "name": "test-course",
      "steps": [
        { "name": "courses", "courses": [ {
          "key": "t-general", "title": "テスト一般職コース", "summary": "テスト用", "tiers": ["general"], "estimatedMinutes": 60, "sequential": {{(sequential ? "true" : "false")}},
          "sections": [ { "key": "s1", "title": "第1部", "activities": [
            { "key": "l1", "kind": "lesson", "title": "レッスン1", "estimatedMinutes": 10, "body": "## 見出し\n\n本文 <script>alert(1)</script>" },
            { "key": "q1", "kind": "quiz", "title": "クイズ1", "estimatedMinutes": 5, "passPercent": 100, "attemptsAllowed": {{attempts}}, "shuffle": true, "questions": [
              { "key": "q1", "text": "単一選択", "multiple": false, "options": [
                { "key": "a", "text": "正しい", "correct": true, "feedback": "そのとおり" },
                { "key": "b", "text": "誤り", "correct": false, "feedback": "ちがいます" } ] },
              { "key": "q2", "text": "複数選択", "multiple": true, "options": [
                { "key": "a", "text": "正1", "correct": true, "feedback": "正1です" },
                { "key": "b", "text": "正2", "correct": true, "feedback": "正2です" },
                { "key": "c", "text": "誤", "correct": false, "feedback": "誤りです" } ] } ] },
            { "key": "r1", "kind": "reflection", "title": "ふりかえり", "estimatedMinutes": 10, "prompt": "書いてください", "minLength": 10, "shareWithFacilitator": true },
            { "key": "sv", "kind": "survey", "title": "アンケート", "estimatedMinutes": 5, "instrument": "step0-mindset", "phase": "pre", "scale": 5,
              "items": [ { "key": "m1", "text": "項目1" }, { "key": "m2", "text": "項目2" } ] },
            { "key": "w1", "kind": "workshop", "title": "ワークショップ", "estimatedMinutes": 90, "required": false, "description": "説明", "durationMinutes": 90, "delivery": "onsite" }
            {{(extraLesson ? """, { "key": "l2", "kind": "lesson", "title": "追加レッスン", "estimatedMinutes": 10, "body": "追加" }""" : "")}}
          ] } ] } ] },
        { "name": "course-assignments", "assignments": [ {{audience}} ] }
      ]
    }
    """;
}

internal sealed record Activity(Guid Id, string Kind, string Title, string State, JsonNode Node);

internal static class LearnerApi
{
    public static async Task<HttpClient> LearnerAsync(LmsAppFactory factory, string userName)
    {
        var client = SiteClient.Create(factory);
        return client.Bearer(await SiteClient.TokenAsync(client, userName));
    }

    public static async Task<JsonArray> EnrolmentsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/v1/me/enrolments"))!;

    public static async Task<(Guid CourseId, List<Activity> Activities, JsonNode Course)> CourseAsync(HttpClient client, string title = "テスト一般職コース")
    {
        var enrolment = (await EnrolmentsAsync(client)).Single(e => (string)e!["title"]! == title)!;
        var id = Guid.Parse((string)enrolment["courseId"]!);
        var course = (await client.GetFromJsonAsync<JsonNode>($"/api/v1/courses/{id}"))!;
        var activities = course["sections"]!.AsArray().SelectMany(s => s!["activities"]!.AsArray())
            .Select(a => new Activity(Guid.Parse((string)a!["id"]!), (string)a["kind"]!, (string)a["title"]!, (string)a["state"]!, a)).ToList();
        return (id, activities, course);
    }

    /// <summary>Answers keyed by option text, e.g. {"単一選択": ["正しい"]}.</summary>
    public static object Answers(Activity quiz, Dictionary<string, string[]> byText) =>
        new
        {
            answers = quiz.Node["quiz"]!["questions"]!.AsArray().ToDictionary(
                q => (string)q!["id"]!,
                q => q!["options"]!.AsArray().Where(o => byText[(string)q["text"]!].Contains((string)o!["text"]!)).Select(o => (string)o!["id"]!).ToArray()),
        };

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new JsonException(text);
    }
}
