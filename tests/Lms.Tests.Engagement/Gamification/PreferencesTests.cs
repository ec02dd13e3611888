using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Microsoft.EntityFrameworkCore;

namespace Lms.Tests.Gamification;

/// <summary>Switching the game off hides it everywhere for that person, keeps recording, and comes back whole.</summary>
public sealed class PreferencesTests(LmsAppFactory factory) : SiteTest(factory)
{
    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, bool displays, bool join = false, bool showName = false)
    {
        var fields = new Dictionary<string, string> { ["DisplaysEnabled"] = displays ? "true" : "false" };
        if (join)
        {
            fields["JoinRankings"] = "true";
        }

        if (showName)
        {
            fields["ShowNameInRankings"] = "true";
        }

        return SiteClient.PostFormAsync(client, "/me/game-settings", fields);
    }

    [Fact]
    public async Task Given_the_displays_are_off_Then_the_home_panel_and_the_achievements_are_hidden_while_points_are_still_recorded()
    {
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(sequential: false));
        var api = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (_, activities, _) = await LearnerApi.CourseAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null)).StatusCode);
        var page = await SiteClient.SignInAsync(Factory, "demo-staff");
        var home = await page.GetStringAsync("/");
        Assert.Contains("game-panel-title", home);
        Assert.Contains("10 ポイント", home);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(page, displays: false)).StatusCode);

        var settings = WalletFixture.MainContent(await page.GetStringAsync("/me/game-settings"));
        Assert.Contains("表示をオフにしました。ポイントとバッジは引き続き記録されます", settings);
        Assert.Contains("もう一度表示するには", settings);
        Assert.DoesNotContain("game-panel-title", await page.GetStringAsync("/"));
        var achievements = WalletFixture.MainContent(await page.GetStringAsync("/me/achievements"));
        Assert.Contains("表示をオンに戻す", achievements);
        Assert.DoesNotContain("合計ポイント", achievements);
        Assert.DoesNotContain("ポイントの記録", achievements);

        // Learning goes on being recorded, and the API (asked explicitly) answers, saying the displays are off.
        var reflection = activities.First(a => a.Kind == "reflection");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/activities/{reflection.Id}/completion", new { text = "十分な長さのふりかえりです。" })).StatusCode);
        var points = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/points"))!;
        Assert.False((bool)points["displaysEnabled"]!);
        Assert.Equal(25, (int)points["total"]!);
        var badges = (await api.GetFromJsonAsync<JsonNode>("/api/v1/me/badges"))!;
        Assert.False((bool)badges["displaysEnabled"]!);

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(page, displays: true)).StatusCode);

        var back = await page.GetStringAsync("/");
        Assert.Contains("game-panel-title", back);
        Assert.Contains("25 ポイント", back);
        Assert.True((bool)(await api.GetFromJsonAsync<JsonNode>("/api/v1/me/points"))!["displaysEnabled"]!);
    }

    [Fact]
    public async Task Joining_the_comparison_and_showing_ones_name_are_opt_in_and_a_name_is_shown_only_to_those_who_take_part()
    {
        await Factory.SeedDemoAsync(100);
        var staffId = await WalletFixture.StaffIdAsync(Factory, "demo-staff");
        var page = await SiteClient.SignInAsync(Factory, "demo-staff");
        var form = WalletFixture.MainContent(await page.GetStringAsync("/me/game-settings"));
        Assert.Contains("value=\"true\" checked=\"checked\"", form); // displays on by default
        Assert.DoesNotContain("name=\"JoinRankings\" value=\"true\" checked", form);

        await SaveAsync(page, displays: true, join: true, showName: true);
        var saved = await WalletFixture.DbAsync(Factory, db => db.Preferences.AsNoTracking().SingleAsync(p => p.StaffId == staffId));
        Assert.Equal((true, true, true), (saved.DisplaysEnabled, saved.JoinRankings, saved.ShowNameInRankings));

        await SaveAsync(page, displays: true, join: false, showName: true);
        saved = await WalletFixture.DbAsync(Factory, db => db.Preferences.AsNoTracking().SingleAsync(p => p.StaffId == staffId));
        Assert.Equal((true, false, false), (saved.DisplaysEnabled, saved.JoinRankings, saved.ShowNameInRankings));
        Assert.Contains("あなたが参加していない間は表示されません", WalletFixture.MainContent(await page.GetStringAsync("/me/game-settings")));

        await SaveAsync(page, displays: false, join: true);
        saved = await WalletFixture.DbAsync(Factory, db => db.Preferences.AsNoTracking().SingleAsync(p => p.StaffId == staffId));
        Assert.Equal((false, false, false), (saved.DisplaysEnabled, saved.JoinRankings, saved.ShowNameInRankings));
        Assert.Contains("比較にも参加しません", WalletFixture.MainContent(await page.GetStringAsync("/me/game-settings")));
    }

    [Fact]
    public async Task The_explanation_page_gives_the_current_points_cap_levels_and_streak_rules()
    {
        await Factory.SeedDemoAsync(100);
        var page = await SiteClient.SignInAsync(Factory, "demo-staff");

        var about = WalletFixture.MainContent(await page.GetStringAsync("/about/gamification"));

        Assert.Contains("ポイントとバッジについて", about);
        Assert.Contains("個人ではなくチームを比べます", about);
        Assert.Contains("管理職が個人の順位を見ることはありません", about);
        Assert.Contains("ポイントは1日に 150 ポイントまでです", about);
        Assert.Contains("<td>50</td>", about); // a workshop
        Assert.Contains("変革リーダー", about);
        Assert.Contains("600 ポイント", about);
        Assert.Contains("月に1回まで", about);
        Assert.Contains("/me/game-settings", about);
    }
}
