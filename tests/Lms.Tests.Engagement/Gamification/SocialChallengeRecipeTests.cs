using Lms.Framework.Recipes;
using Lms.Modules.Gamification.Features.Social;
using Lms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

/// <summary>The <c>challenges</c> recipe step: checked before anything runs, upserted by key, relative dates on the site's clock.</summary>
public sealed class SocialChallengeRecipeTests(LmsAppFactory factory) : SiteTest(factory)
{
    private Task<RecipeResult> RunAsync(string json) =>
        Factory.Services.GetRequiredService<RecipeRunner>().RunAsync(json, "tests", "tests", default);

    [Theory]
    [InlineData("2026-01-01", "2026-03-31")]
    [InlineData("2026-03-31", "2026-03-31")]
    [InlineData("2026-04-01", "2026-06-30")]
    [InlineData("2026-08-15", "2026-09-30")]
    [InlineData("2026-11-30", "2026-12-31")]
    [InlineData("2028-02-10", "2028-03-31")]
    public void Quarter_end_is_the_last_day_of_the_calendar_quarter(string day, string end) =>
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), SocialCalendar.QuarterEnd(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Without_dates_a_challenge_starts_today_and_quarter_end_ends_it_with_the_quarter_on_the_site_s_clock()
    {
        await Factory.SeedDemoAsync();
        await RunAsync(SocialFixture.ChallengeRecipe("t-q", "企画部", 80, null, "quarter-end"));

        var challenge = Assert.Single(await SocialFixture.ChallengesAsync(Factory));
        Assert.Equal(SocialFixture.Today, challenge.StartsOn);
        Assert.Equal(SocialCalendar.QuarterEnd(SocialFixture.Today), challenge.EndsOn);
        Assert.Equal((await SocialFixture.UnitsAsync(Factory)).Single(u => u.Path == "企画部").Id, challenge.OrgUnitId);
        Assert.Equal(80, challenge.TargetPercent);
        Assert.Equal("テストチャレンジ", challenge.TitleJa);
        Assert.Equal("Test challenge", challenge.TitleEn);
    }

    [Fact]
    public async Task Running_the_step_again_changes_nothing_and_a_changed_challenge_is_updated_in_place()
    {
        await Factory.SeedDemoAsync();
        var start = SocialFixture.Today.AddDays(-1);
        var json = SocialFixture.ChallengeRecipe("t-same", null, 80, start, "quarter-end");

        var first = await RunAsync(json);
        var second = await RunAsync(json);
        var created = Assert.Single(await SocialFixture.ChallengesAsync(Factory));
        var changed = await RunAsync(SocialFixture.ChallengeRecipe("t-same", "総務部", 70, start, SocialFixture.Day(start.AddDays(40)), "新しい題名"));

        Assert.Equal("created", Assert.Single(first.Items, i => i.Kind == "challenge").Change);
        Assert.Equal("unchanged", Assert.Single(second.Items, i => i.Kind == "challenge").Change);
        Assert.Equal("updated", Assert.Single(changed.Items, i => i.Kind == "challenge").Change);
        var updated = Assert.Single(await SocialFixture.ChallengesAsync(Factory));
        Assert.Equal(created.Id, updated.Id);
        Assert.Null(created.OrgUnitId);
        Assert.NotNull(updated.OrgUnitId);
        Assert.Equal(("新しい題名", 70, start.AddDays(40)), (updated.TitleJa, updated.TargetPercent, updated.EndsOn));

        // Relative dates are fixed when the challenge is created: a later run does not move it.
        await RunAsync(SocialFixture.ChallengeRecipe("t-same", "総務部", 70, null, "quarter-end", "新しい題名"));
        var again = Assert.Single(await SocialFixture.ChallengesAsync(Factory));
        Assert.Equal((start, start.AddDays(40)), (again.StartsOn, again.EndsOn));
    }

    [Fact]
    public async Task A_bad_step_is_refused_with_every_problem_named_and_nothing_is_written()
    {
        const string Json = """
            { "name": "bad", "steps": [ { "name": "challenges", "challenges": [
              { "key": "", "title": { "en": "No Japanese" }, "department": "企画部/財政課", "targetPercent": 0, "startsOn": "2026/04/01", "endsOn": "soon" },
              { "key": "t-b", "title": "逆の日付", "startsOn": "2026-05-01", "endsOn": "2026-04-01" },
              "not an object" ] } ] }
            """;

        var e = await Assert.ThrowsAsync<RecipeException>(() => RunAsync(Json));

        Assert.False(e.DuringExecution);
        foreach (var expected in new[] { "\"key\" is required", "\"title\" needs a Japanese text", "\"department\" must be the path of a top-level org unit",
            "\"targetPercent\" must be a whole number from 1 to 100", "\"startsOn\" must be a date", "\"endsOn\" must be a date", "\"endsOn\" is before \"startsOn\"", "challenges[2] must be an object" })
        {
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await SocialFixture.ChallengesAsync(Factory));
    }

    [Fact]
    public async Task An_unknown_department_stops_the_step_before_anything_is_written()
    {
        await Factory.SeedDemoAsync();
        var json = """
            { "name": "unknown", "steps": [ { "name": "challenges", "challenges": [
              { "key": "t-ok", "title": "正しいチャレンジ", "endsOn": "quarter-end" },
              { "key": "t-x", "title": "ない部署", "department": "宇宙開発部", "endsOn": "quarter-end" } ] } ] }
            """;

        var e = await Assert.ThrowsAsync<RecipeException>(() => RunAsync(json));

        Assert.Contains("宇宙開発部", e.Message, StringComparison.Ordinal);
        Assert.Empty(await SocialFixture.ChallengesAsync(Factory));
    }
}
