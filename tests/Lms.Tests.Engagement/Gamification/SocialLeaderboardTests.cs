using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Gamification;

/// <summary>The team leaderboard compares units, never people, and only ever from where the viewer sits.</summary>
public sealed class SocialLeaderboardTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SocialFixture.SetUpAsync(Factory, 150);
        var general = (await SocialFixture.PlacementsAsync(Factory)).Where(p => p.Tier == StaffTier.General).OrderBy(p => p.StaffId).ToList();
        await SocialFixture.CompleteAsync(Factory, general.Where((_, i) => i % 2 == 0).Select(p => p.StaffId), SocialFixture.ProgrammeLesson);
        await SocialFixture.ForgetCachesAsync(Factory);
    }

    [Theory]
    [InlineData("demo-manager")]
    [InlineData("demo-staff")]
    public async Task The_leaderboard_names_no_colleague(string userName)
    {
        var me = await SocialFixture.StaffIdAsync(Factory, userName);
        var others = (await SocialFixture.PlacementsAsync(Factory)).Select(p => p.StaffId).Where(id => id != me).ToList();
        var cards = await SocialFixture.CardsAsync(Factory, others);
        var client = await SiteClient.SignInAsync(Factory, userName);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/teams/leaderboard"));
        var api = SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), userName));
        var json = await api.GetStringAsync("/api/v1/teams/leaderboard");

        Assert.Contains("チームの進み具合", html);
        Assert.Contains("class=\"unit-row is-mine\"", html); // the viewer's own department is highlighted
        Assert.Contains("role=\"progressbar\"", html);
        Assert.True(cards.Count > 100);
        foreach (var card in cards)
        {
            Assert.DoesNotContain(card.Name, html, StringComparison.Ordinal);
            Assert.DoesNotContain(card.EmployeeNumber, html, StringComparison.Ordinal);
            Assert.DoesNotContain(card.Name, json, StringComparison.Ordinal);
            Assert.DoesNotContain(card.StaffId.ToString(), json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Departments_are_ranked_and_the_viewer_sees_the_sections_of_their_own_department_whatever_the_query_string()
    {
        var units = await SocialFixture.UnitsAsync(Factory);
        var manager = await SocialFixture.StaffIdAsync(Factory, "demo-manager");
        var other = units.First(u => !u.Path.Contains('/', StringComparison.Ordinal) && u.Path != "企画部");
        var api = SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-manager"));

        var plain = (await api.GetFromJsonAsync<JsonNode>("/api/v1/teams/leaderboard"))!;
        var asked = (await api.GetFromJsonAsync<JsonNode>($"/api/v1/teams/leaderboard?unitId={other.Id}&staffId={manager}&department={Uri.EscapeDataString(other.Path)}"))!;

        Assert.Equal("企画部", (string)plain["myDepartment"]!);
        Assert.Equal(plain["sections"]!.ToJsonString(), asked["sections"]!.ToJsonString());
        var departments = plain["departments"]!.AsArray().Select(d => (Rank: (int)d!["rank"]!, Percent: (int)d["percent"]!, Mine: (bool)d["isMine"]!)).ToList();
        Assert.Equal(departments.OrderByDescending(d => d.Percent).Select(d => d.Percent), departments.Select(d => d.Percent));
        Assert.Equal(1, departments[0].Rank);
        Assert.Single(departments, d => d.Mine);
        Assert.All(plain["sections"]!.AsArray(), s => Assert.StartsWith("企画部/", units.Single(u => u.Id == Guid.Parse((string)s!["unitId"]!)).Path, StringComparison.Ordinal));

        var page = await (await SiteClient.SignInAsync(Factory, "demo-manager")).GetStringAsync($"/teams/leaderboard?unitId={other.Id}&staffId={manager}");
        Assert.Contains("企画部の課", page);
        Assert.DoesNotContain($"{other.Path}の課", page);
    }

    [Fact]
    public async Task With_the_displays_off_the_page_says_so_and_links_to_the_settings()
    {
        await SocialFixture.SavePreferenceAsync(Factory, await SocialFixture.StaffIdAsync(Factory, "demo-staff"), displays: false);
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var html = await client.GetStringAsync("/teams/leaderboard");
        var api = SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), "demo-staff"));
        var json = (await api.GetFromJsonAsync<JsonNode>("/api/v1/teams/leaderboard"))!;

        Assert.Contains("ゲームの表示をオフにしているため", html);
        Assert.Contains("href=\"/me/game-settings\"", html);
        Assert.DoesNotContain("class=\"unit-row", html);
        Assert.False((bool)json["displaysEnabled"]!);
        Assert.Empty(json["departments"]!.AsArray());
    }

    [Fact]
    public async Task The_pages_need_a_signed_in_member_of_staff()
    {
        var anonymous = SiteClient.Create(Factory);
        foreach (var path in new[] { "/teams/leaderboard", "/teams/challenges" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        foreach (var path in new[] { "/api/v1/teams/leaderboard", "/api/v1/me/challenges", "/api/v1/me/rank" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync(path)).StatusCode);
        }
    }
}
