using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Gamification;

/// <summary>GET /api/v1/me/points and /api/v1/me/badges: shapes, paging, streak, capped lines; and the ledger on the page.</summary>
public sealed class ProgressApiTests(LmsAppFactory factory) : SiteTest(factory)
{
    private async Task<(Guid StaffId, HttpClient Api)> StaffAsync(string userName = "demo-staff", string? language = null)
    {
        var staffId = await WalletFixture.StaffIdAsync(Factory, userName);
        var client = SiteClient.Create(Factory, language);
        return (staffId, client.Bearer(await SiteClient.TokenAsync(client, userName)));
    }

    [Fact]
    public async Task Points_give_the_total_level_streak_and_a_page_of_the_ledger_newest_first()
    {
        await Factory.SeedDemoAsync(100);
        var (staffId, api) = await StaffAsync();
        var today = WalletFixture.TodayInTokyo();
        var lastWeek = today.AddDays(-7);
        // 23 lessons four weeks ago and earlier (half of them capped to 0), then two empty weeks (the end of that run),
        // one workshop capped to 0 last week, a reversal today (not learning) and a quiz today.
        var old = Enumerable.Range(0, 23).Select(i => (today.AddDays(-28 - (i / 10)), "lesson", i % 10 < 5 ? 10 : 0, 10)).ToArray();
        await WalletFixture.AddLinesAsync(Factory, staffId, old);
        await WalletFixture.AddLinesAsync(Factory, staffId, (lastWeek, "workshop", 0, 50), (today, "reversal", -10, -10), (today, "quiz", 20, 20));

        var first = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/points?page=1&pageSize=10"))!;

        Assert.True((bool)first["displaysEnabled"]!);
        var total = old.Sum(l => l.Item3) + 0 - 10 + 20;
        Assert.Equal(total, (int)first["total"]!);
        Assert.Equal(total >= 100 ? "DX実践者" : "DX見習い", (string)first["level"]!["name"]!);
        Assert.NotNull(first["level"]!["next"]);
        Assert.True((int)first["level"]!["next"]!["threshold"]! > (int)first["level"]!["threshold"]!);
        // This week (quiz) and last week (the capped workshop: 0 points, but learning) make two; the reversal adds nothing.
        Assert.Equal(2, (int)first["streak"]!["current"]!);
        Assert.True((int)first["streak"]!["best"]! >= 2);
        Assert.NotNull(first["streak"]!["repairUsedThisMonth"]);
        var ledger = first["ledger"]!;
        Assert.Equal(26, (int)ledger["totalCount"]!);
        Assert.Equal(1, (int)ledger["page"]!);
        Assert.Equal(10, (int)ledger["pageSize"]!);
        var items = ledger["items"]!.AsArray();
        Assert.Equal(10, items.Count);
        Assert.Equal(today.ToString("yyyy-MM-dd"), (string)items[0]!["date"]!);
        var workshop = items.Single(i => (string)i!["kind"]! == "workshop")!;
        Assert.Equal((0, 50, true), ((int)workshop["points"]!, (int)workshop["requestedPoints"]!, (bool)workshop["capped"]!));
        var reversal = items.Single(i => (string)i!["kind"]! == "reversal")!;
        Assert.False((bool)reversal["capped"]!);

        var last = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/points?page=3&pageSize=10"))!["ledger"]!;
        Assert.Equal(6, last["items"]!.AsArray().Count);
        Assert.Equal(3, (int)last["page"]!);
        var beyond = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/points?page=9&pageSize=10"))!["ledger"]!;
        Assert.Empty(beyond["items"]!.AsArray());
    }

    [Theory]
    [InlineData("page=0", "ja", "page は1以上")]
    [InlineData("pageSize=101", "en", "a page size from 1 to 100")]
    [InlineData("pageSize=0", "ja", "pageSize は1から100")]
    public async Task A_page_out_of_bounds_is_refused_in_the_callers_language(string query, string language, string message)
    {
        await Factory.SeedDemoAsync(100);
        var (_, api) = await StaffAsync(language: language);

        var response = await api.GetAsync("/api/v1/me/points?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nobody_who_is_not_signed_in_gets_anything()
    {
        var anyone = SiteClient.Create(Factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetAsync("/api/v1/me/points")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetAsync("/api/v1/me/badges")).StatusCode);
    }

    [Fact]
    public async Task Badges_list_the_callers_awards_with_evidence_sharing_and_Open_Badges_addresses()
    {
        await WalletFixture.DemoHistoryAsync(Factory);
        var (staffId, api) = await StaffAsync();
        var persona = await WalletFixture.AwardAsync(Factory, staffId, WalletFixture.PersonaBadge);

        var body = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/badges"))!;

        Assert.True((bool)body["displaysEnabled"]!);
        var items = body["items"]!.AsArray();
        Assert.True(items.Count >= 3);
        Assert.Contains(items, i => (string)i!["name"]! == WalletFixture.CoreBadge && (string)i["evidence"]!["kind"]! == "course");
        var item = items.Single(i => (Guid)i!["id"]! == persona.Id)!;
        Assert.Equal(persona.BadgeId, (Guid)item["badgeId"]!);
        Assert.Equal(WalletFixture.PersonaBadge, (string)item["name"]!);
        Assert.False(string.IsNullOrEmpty((string)item["description"]!));
        Assert.EndsWith($"/badges/{persona.BadgeId}/image", ((string)item["imageUrl"]!).Split('?')[0]);
        Assert.StartsWith("http", (string)item["imageUrl"]!);
        Assert.NotNull(item["awardedAt"]);
        var evidence = item["evidence"]!;
        Assert.Equal("workshop", (string)evidence["kind"]!);
        Assert.Equal(persona.ActivityId, (Guid?)evidence["activityId"]);
        Assert.Equal(persona.CourseId, (Guid?)evidence["courseId"]);
        Assert.True(evidence.AsObject().ContainsKey("sessionId"));
        Assert.Contains(WalletFixture.PersonaWorkshop, (string)evidence["text"]!);
        Assert.False((bool)item["isPublic"]!);
        Assert.Null(item["publicUrl"]);
        Assert.EndsWith($"/api/v1/badges/assertions/{persona.Id}", (string)item["assertionUrl"]!);
        Assert.EndsWith($"/api/v1/badges/credentials/{persona.Id}", (string)item["credentialUrl"]!);

        // Shared: the public address appears; revoked: the award disappears.
        await WalletFixture.DbAsync(Factory, async db =>
        {
            db.Awards.Single(a => a.Id == persona.Id).IsPublic = true;
            return await db.SaveChangesAsync();
        });
        var shared = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/badges"))!["items"]!.AsArray().Single(i => (Guid)i!["id"]! == persona.Id)!;
        Assert.EndsWith($"/badges/awards/{persona.Id}", (string)shared["publicUrl"]!);
        await WalletFixture.DbAsync(Factory, async db =>
        {
            db.Awards.Single(a => a.Id == persona.Id).RevokedAt = DateTimeOffset.UtcNow;
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain((await api.GetFromJsonAsync<JsonNode>("/api/v1/me/badges"))!["items"]!.AsArray(), i => (Guid)i!["id"]! == persona.Id);
    }

    [Fact]
    public async Task The_ledger_on_the_page_marks_capped_lines_and_pages_through_older_ones()
    {
        await Factory.SeedDemoAsync(100);
        var (staffId, _) = await StaffAsync();
        var today = WalletFixture.TodayInTokyo();
        var lines = Enumerable.Range(0, 24).Select(i => (today.AddDays(-i), "lesson", 10, 10)).Append((today, "workshop", 30, 50)).ToArray();
        await WalletFixture.AddLinesAsync(Factory, staffId, lines);
        var page = await SiteClient.SignInAsync(Factory, "demo-staff");

        var first = WalletFixture.MainContent(await page.GetStringAsync("/me/achievements"));
        var second = WalletFixture.MainContent(await page.GetStringAsync("/me/achievements?page=2"));

        Assert.Contains("1日の上限のため、50 ポイント中 30 ポイントを加算しました。", first);
        Assert.Contains("2 ページ中 1 ページ目", first);
        Assert.Contains("/me/achievements?page=2", first);
        Assert.Contains("2 ページ中 2 ページ目", second);
        Assert.Equal(5, second.Split("<tr>").Length - 2); // 25 lines: 20, then 5 (minus the header row)
        Assert.DoesNotContain("上限のため", second);
        Assert.Contains("これまでの最長", first);
    }

    [Fact]
    public async Task The_page_invites_a_fresh_start_after_a_run_ended_and_explains_the_months_repair()
    {
        await Factory.SeedDemoAsync(100);
        var (staffId, api) = await StaffAsync();
        var today = WalletFixture.TodayInTokyo();
        await WalletFixture.AddLinesAsync(Factory, staffId, (today.AddDays(-42), "lesson", 10, 10), (today.AddDays(-35), "lesson", 10, 10));
        var page = await SiteClient.SignInAsync(Factory, "demo-staff");

        var ended = WalletFixture.MainContent(await page.GetStringAsync("/me/achievements"));

        Assert.Contains("また今週から始めましょう。これまでの最長は 2 週です。", ended);
        Assert.DoesNotContain("続けて学習しています", ended);

        // The week before last and this week: last week is bridged by its month's repair.
        await WalletFixture.AddLinesAsync(Factory, staffId, (today.AddDays(-14), "quiz", 20, 20), (today, "lesson", 0, 10));
        var lastWeek = today.AddDays(-7).AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var sameMonth = lastWeek.Month == today.Month;

        var repaired = WalletFixture.MainContent(await page.GetStringAsync("/me/achievements"));
        var streak = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/points"))!["streak"]!;

        Assert.Contains("2 週続けて学習しています。", repaired);
        Assert.Contains("これまでの最長：2 週", repaired);
        Assert.Equal(2, (int)streak["current"]!);
        Assert.Equal(sameMonth, (bool)streak["repairUsedThisMonth"]!);
        if (sameMonth)
        {
            Assert.Equal(lastWeek.ToString("yyyy-MM-dd"), (string)streak["repairedWeek"]!);
            Assert.Contains($"{lastWeek:yyyy/MM/dd} からの週はお休みでしたが、今月の「お休み」（月に1回）で連続がつながっています。", repaired);
        }
    }
}
