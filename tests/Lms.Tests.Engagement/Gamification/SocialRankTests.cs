using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Gamification;

/// <summary>
/// The opt-in individual comparison: one's own rank among the colleagues of one's department who also joined,
/// with two neighbours each side, named only if they chose so. Nobody else is in anyone's list or count.
/// </summary>
public sealed class SocialRankTests(LmsAppFactory factory) : SiteTest(factory)
{
    private Guid me;
    private Dictionary<string, Guid> people = [];

    /// <summary>
    /// In demo-staff's department (企画部): I 400 (named), A 300 (named), B 200, demo-staff 100, C 50 (named), D 10, E 5 (named) joined;
    /// F 150 joined and named but switched the displays off; G 120 did not join; H 110 joined and named but works in another department.
    /// </summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SocialFixture.SetUpAsync(Factory, 150);
        me = await SocialFixture.StaffIdAsync(Factory, "demo-staff");
        var manager = await SocialFixture.StaffIdAsync(Factory, "demo-manager");
        var placements = await SocialFixture.PlacementsAsync(Factory);
        var department = placements.Single(p => p.StaffId == me).UnitAncestry[^1];
        var colleagues = placements.Where(p => p.UnitAncestry[^1] == department && p.StaffId != me && p.StaffId != manager).Select(p => p.StaffId).Order().ToList();
        var elsewhere = placements.First(p => p.UnitAncestry[^1] != department).StaffId;
        people = new[] { "I", "A", "B", "C", "D", "E", "F", "G" }.Zip(colleagues).ToDictionary(x => x.First, x => x.Second);
        people["H"] = elsewhere;

        foreach (var (who, points, join, named) in new[] { ("I", 400, true, true), ("A", 300, true, true), ("B", 200, true, false), ("C", 50, true, true), ("D", 10, true, false), ("E", 5, true, true), ("G", 120, false, false), ("H", 110, true, true) })
        {
            await SocialFixture.SavePreferenceAsync(Factory, people[who], join: join, showName: named);
            await SocialFixture.GivePointsAsync(Factory, people[who], points);
        }

        // Whatever the settings page allows, a row that says "joined" with the displays off must not count.
        await SocialFixture.WritePreferenceRowAsync(Factory, people["F"], displays: false, join: true, showName: true);
        await SocialFixture.GivePointsAsync(Factory, people["F"], 150);
        await SocialFixture.SavePreferenceAsync(Factory, me, join: true);
        await SocialFixture.GivePointsAsync(Factory, me, 60);
        await SocialFixture.GivePointsAsync(Factory, me, 40);
    }

    private async Task<Dictionary<string, string>> NamesAsync() =>
        (await SocialFixture.CardsAsync(Factory, people.Values.ToList())).ToDictionary(c => people.Single(p => p.Value == c.StaffId).Key, c => c.Name);

    private async Task<HttpClient> ApiAsync(string userName) =>
        SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), userName));

    [Fact]
    public async Task The_viewer_sees_only_their_own_place_and_two_neighbours_each_side_named_only_by_choice()
    {
        var names = await NamesAsync();
        var api = await ApiAsync("demo-staff");

        var rank = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/rank"))!;

        Assert.True((bool)rank["joined"]!);
        Assert.Equal(4, (int)rank["rank"]!);
        Assert.Equal(7, (int)rank["of"]!); // I, A, B, demo-staff, C, D, E: not F (displays off), G (not joined), H (other department)
        var around = rank["neighbours"]!.AsArray().Select(n => (Rank: (int)n!["rank"]!, Points: (int)n["points"]!, Name: (string?)n["name"], Anonymous: (bool)n["anonymous"]!, IsMe: (bool)n["isMe"]!)).ToList();
        Assert.Equal([2, 3, 4, 5, 6], around.Select(n => n.Rank));
        Assert.Equal([300, 200, 100, 50, 10], around.Select(n => n.Points));
        Assert.Equal([names["A"], null, null, names["C"], null], around.Select(n => n.Name));
        Assert.Equal([false, true, false, false, true], around.Select(n => n.Anonymous));
        Assert.True(around[2].IsMe);

        var html = WebUtility.HtmlDecode(await (await SiteClient.SignInAsync(Factory, "demo-staff")).GetStringAsync("/teams/leaderboard"));
        Assert.Contains("7人中 4位", html);
        Assert.Contains(names["A"], html);
        Assert.Contains(names["C"], html);
        Assert.Equal(2, html.Split("匿名の職員").Length - 1);
        foreach (var hidden in new[] { "B", "D", "E", "F", "G", "H", "I" })
        {
            Assert.DoesNotContain(names[hidden], html, StringComparison.Ordinal);
            Assert.DoesNotContain(names[hidden], rank.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Someone_who_switches_the_displays_off_or_hides_their_name_drops_out_at_once()
    {
        await SocialFixture.SavePreferenceAsync(Factory, people["A"], displays: false, join: true, showName: true);
        await SocialFixture.SavePreferenceAsync(Factory, people["C"], join: true, showName: false);
        var api = await ApiAsync("demo-staff");

        var rank = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/rank"))!;

        Assert.Equal(3, (int)rank["rank"]!);
        Assert.Equal(6, (int)rank["of"]!);
        var around = rank["neighbours"]!.AsArray().ToList();
        Assert.Equal([400, 200, 100, 50, 10], around.Select(n => (int)n!["points"]!));
        Assert.Equal((await NamesAsync())["I"], (string?)around[0]!["name"]);
        Assert.All(around.Skip(1), n => Assert.Null((string?)n!["name"]));
    }

    [Fact]
    public async Task A_viewer_who_has_not_joined_sees_no_ranks_and_is_in_nobody_else_s_count()
    {
        var manager = await ApiAsync("demo-manager");

        var response = await manager.GetAsync("/api/v1/me/rank");
        var rank = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var html = await (await SiteClient.SignInAsync(Factory, "demo-manager")).GetStringAsync("/teams/leaderboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)rank["joined"]!);
        Assert.Null(rank["rank"]);
        Assert.Empty(rank["neighbours"]!.AsArray());
        Assert.Contains("任意", (string)rank["message"]!);
        Assert.Contains("同僚とのポイントの比較は任意です", html);
        Assert.Contains("href=\"/me/game-settings\"", html);
        Assert.DoesNotContain("人中", html);
        Assert.DoesNotContain("class=\"rank-list\"", html);
        Assert.Equal(7, (int)(await (await ApiAsync("demo-staff")).GetFromJsonAsync<JsonNode>("/api/v1/me/rank"))!["of"]!);
    }

    [Fact]
    public async Task No_role_and_no_query_string_shows_another_person_s_neighbourhood()
    {
        // A manager who joins sees their own place among those who joined, like anyone else, and nothing more.
        var manager = await SocialFixture.StaffIdAsync(Factory, "demo-manager");
        await SocialFixture.SavePreferenceAsync(Factory, manager, join: true);
        var api = await ApiAsync("demo-manager");

        var own = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/rank"))!;
        var asked = (await api.GetFromJsonAsync<JsonNode>($"/api/v1/me/rank?staffId={me}&userName=demo-staff&unitId={people["H"]}"))!;

        Assert.Equal(own.ToJsonString(), asked.ToJsonString());
        Assert.Equal(8, (int)own["of"]!);
        Assert.Single(own["neighbours"]!.AsArray(), n => (bool)n!["isMe"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/staff/{me}/rank")).StatusCode);
    }
}
