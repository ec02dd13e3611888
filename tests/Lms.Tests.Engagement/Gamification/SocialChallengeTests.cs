using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Features.Social;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

/// <summary>Department challenges: progress of the department and each section against the target, the final result, the home panel.</summary>
public sealed class SocialChallengeTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string Department = "企画部";
    private IReadOnlyList<StaffPlacement> placements = [];
    private IReadOnlyList<OrgUnitSummary> units = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SocialFixture.SetUpAsync(Factory, 300);
        placements = await SocialFixture.PlacementsAsync(Factory);
        units = await SocialFixture.UnitsAsync(Factory);
    }

    private Guid UnitId(string path) => units.Single(u => u.Path == path).Id;

    private List<OrgUnitSummary> Sections => units.Where(u => u.Path.StartsWith(Department + "/", StringComparison.Ordinal) && u.Path.Count(c => c == '/') == 1).ToList();

    private List<Guid> GeneralIn(Guid unitId) =>
        placements.Where(p => p.Tier == StaffTier.General && p.UnitAncestry.Contains(unitId)).Select(p => p.StaffId).Order().ToList();

    /// <summary>In each section of 企画部 in turn: everyone, 60%, 20%, nobody, everyone... of its general staff finish.</summary>
    private async Task<HashSet<Guid>> FinishSomeAsync(DateTimeOffset? at = null)
    {
        double[] shares = [1.0, 0.6, 0.2, 0.0];
        var finished = Sections.SelectMany((s, i) =>
        {
            var members = GeneralIn(s.Id);
            return members.Take((int)Math.Ceiling(members.Count * shares[i % shares.Length]));
        }).ToHashSet();
        await SocialFixture.CompleteAsync(Factory, finished, SocialFixture.ProgrammeLesson, at);
        await SocialFixture.ForgetCachesAsync(Factory);
        return finished;
    }

    private async Task<HttpClient> ApiAsync(string userName = "demo-staff") =>
        SiteClient.Create(Factory).Bearer(await SiteClient.TokenAsync(SiteClient.Create(Factory), userName));

    [Fact]
    public async Task A_live_challenge_shows_the_department_and_every_section_against_the_target_and_counts_those_that_reached_it()
    {
        var finished = await FinishSomeAsync();
        var today = SocialFixture.Today;
        await Factory.RunRecipeJsonAsync(SocialFixture.ChallengeRecipe("t-live", Department, 50, today.AddDays(-3), SocialFixture.Day(today.AddDays(10)), "企画部で修了率50%を目指そう"));

        var json = (await (await ApiAsync()).GetFromJsonAsync<JsonNode>("/api/v1/me/challenges"))!;

        var challenge = json["challenges"]!.AsArray().Single()!;
        Assert.Equal("企画部で修了率50%を目指そう", (string)challenge["title"]!);
        Assert.Equal(10, (int)challenge["daysLeft"]!);
        Assert.False((bool)challenge["ended"]!);
        var department = GeneralIn(UnitId(Department));
        var done = department.Count(finished.Contains);
        Assert.Equal(done * 100 / department.Count, (int)challenge["department"]!["percent"]!);
        Assert.Equal(done, (int)challenge["finishedDuring"]!);

        var expected = Sections.Select(s => (s.Id, People: GeneralIn(s.Id).Count, Done: GeneralIn(s.Id).Count(finished.Contains))).Where(s => s.People > 0).ToList();
        var sections = challenge["sections"]!.AsArray().ToDictionary(s => Guid.Parse((string)s!["unitId"]!), s => s!);
        Assert.Equal(expected.Count, sections.Count);
        foreach (var (id, people, completed) in expected)
        {
            var section = sections[id];
            if (people < UnitStanding.MinimumGroup)
            {
                Assert.True((bool)section["suppressed"]!);
                Assert.Null(section["percent"]);
                Assert.Null(section["people"]);
                Assert.Null(section["reached"]);
            }
            else
            {
                Assert.Equal(completed * 100 / people, (int)section["percent"]!);
                Assert.Equal(completed * 100 >= 50 * people, (bool)section["reached"]!);
            }
        }

        var reached = expected.Count(s => s.People >= UnitStanding.MinimumGroup && s.Done * 100 >= 50 * s.People);
        var shown = expected.Count(s => s.People >= UnitStanding.MinimumGroup);
        Assert.Equal(reached, (int)challenge["sectionsReached"]!);
        Assert.Equal(shown, (int)challenge["sectionsShown"]!);
        Assert.InRange(reached, 1, shown - 1);

        var html = WebUtility.HtmlDecode(await (await SiteClient.SignInAsync(Factory, "demo-staff")).GetStringAsync("/teams/challenges"));
        Assert.Contains("企画部で修了率50%を目指そう", html);
        Assert.Contains("残り10日", html);
        Assert.Contains($"{shown}課中 {reached}課が達成", html);
        Assert.Contains("left: 50%", html); // the target line
        Assert.Equal(expected.Any(s => s.People < UnitStanding.MinimumGroup), html.Contains("少人数のため非表示", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_live_challenges_of_one_s_own_department_or_of_every_department_apply()
    {
        var today = SocialFixture.Today;
        await Factory.RunRecipeJsonAsync(SocialFixture.ChallengeRecipe("t-other", "総務部", 80, today, "quarter-end", "総務部のチャレンジ"));
        await Factory.RunRecipeJsonAsync(SocialFixture.ChallengeRecipe("t-all", null, 80, today, "quarter-end", "全部署のチャレンジ"));
        await Factory.RunRecipeJsonAsync(SocialFixture.ChallengeRecipe("t-later", Department, 80, today.AddDays(5), SocialFixture.Day(today.AddDays(30)), "これからのチャレンジ"));
        await Factory.RunRecipeJsonAsync(SocialFixture.ChallengeRecipe("t-archived", Department, 80, today, "quarter-end", "終わりにしたチャレンジ"));
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<GamificationDbContext>().Challenges.Where(c => c.Key == "t-archived").ExecuteUpdateAsync(s => s.SetProperty(c => c.IsArchived, true)));
        await SocialFixture.ForgetCachesAsync(Factory);

        var staff = (await (await ApiAsync()).GetFromJsonAsync<JsonNode>("/api/v1/me/challenges"))!;
        var admin = (await (await ApiAsync("demo-admin")).GetFromJsonAsync<JsonNode>("/api/v1/me/challenges"))!; // 総務部

        Assert.Equal(["全部署のチャレンジ"], staff["challenges"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.Equal(["全部署のチャレンジ", "総務部のチャレンジ"], admin["challenges"]!.AsArray().Select(c => (string)c!["title"]!).Order(StringComparer.Ordinal));
        var all = staff["challenges"]![0]!;
        Assert.True((bool)all["forEveryDepartment"]!);
        Assert.Equal(Department, (string)all["department"]!["name"]!);
        Assert.NotNull(all["departmentsShown"]);
    }

    [Fact]
    public async Task After_the_end_date_the_final_result_counts_what_was_finished_by_then_and_is_worded_kindly()
    {
        var today = SocialFixture.Today;
        await Factory.RunRecipeJsonAsync(SocialFixture.ChallengeRecipe("t-ended", Department, 90, today.AddDays(-30), SocialFixture.Day(today.AddDays(-10)), "先月のチャレンジ"));
        var during = await FinishSomeAsync(DateTimeOffset.UtcNow.AddDays(-20));
        var after = GeneralIn(UnitId(Department)).Where(id => !during.Contains(id)).Take(3).ToList();
        await SocialFixture.CompleteAsync(Factory, after, SocialFixture.ProgrammeLesson);
        await SocialFixture.ForgetCachesAsync(Factory);

        var json = (await (await ApiAsync()).GetFromJsonAsync<JsonNode>("/api/v1/me/challenges"))!;

        var challenge = json["challenges"]!.AsArray().Single()!;
        Assert.True((bool)challenge["ended"]!);
        var department = GeneralIn(UnitId(Department));
        var byEnd = department.Count(during.Contains);
        Assert.Equal(byEnd, (int)challenge["department"]!["completed"]!);
        Assert.Equal(byEnd, (int)challenge["finishedDuring"]!);
        Assert.False((bool)challenge["department"]!["reached"]!);

        var html = WebUtility.HtmlDecode(await (await SiteClient.SignInAsync(Factory, "demo-staff")).GetStringAsync("/teams/challenges"));
        Assert.Contains("このチャレンジは終了しました", html);
        Assert.Contains($"期間中に{byEnd}人がプログラムを修了しました", html);
        Assert.Contains("ご参加ありがとうございました", html);
        Assert.DoesNotContain("残り", html);
    }

    [Fact]
    public async Task The_home_panel_shows_the_department_s_progress_only_with_the_displays_on_and_a_challenge_that_applies()
    {
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.DoesNotContain("/teams/challenges", await client.GetStringAsync("/"));

        await Factory.RunRecipeJsonAsync(SocialFixture.ChallengeRecipe("t-home", null, 80, null, "quarter-end", "ホームに出るチャレンジ"));
        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("ホームに出るチャレンジ", home);
        Assert.Contains("href=\"/teams/challenges\"", home);
        Assert.Contains("企画部：", home);

        await SocialFixture.SavePreferenceAsync(Factory, await SocialFixture.StaffIdAsync(Factory, "demo-staff"), displays: false);
        var off = await client.GetStringAsync("/");
        Assert.DoesNotContain("ホームに出るチャレンジ", off);
        Assert.Contains("ゲームの表示をオフにしているため", await client.GetStringAsync("/teams/challenges"));
    }
}
