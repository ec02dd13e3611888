using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Features.Social;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Lms.Tests.Gamification;

/// <summary>
/// The challenge panel keeps the home page within its budget: the challenges and the rates come from the cache, so it
/// costs no query when no challenge applies and one (whether the person switched the displays off) when one does.
/// </summary>
public sealed class SocialQueryBudgetTests(LmsAppFactory factory, ITestOutputHelper output) : SiteTest(factory)
{
    private const int HomeBudget = 12;

    [Fact]
    public async Task The_home_page_with_a_challenge_panel_stays_within_budget_and_the_panel_costs_at_most_one_query()
    {
        await SocialFixture.SetUpAsync(Factory);
        await Factory.RunRecipeJsonAsync(SocialFixture.ChallengeRecipe("t-budget", null, 80, null, "quarter-end", "予算内のチャレンジ"));
        var general = (await SocialFixture.PlacementsAsync(Factory)).Where(p => p.Tier == StaffTier.General).Select(p => p.StaffId).Take(40).ToList();
        await SocialFixture.CompleteAsync(Factory, general, SocialFixture.ProgrammeLesson);
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");
        var warm = await client.GetStringAsync("/"); // computes and caches the rates
        Assert.Contains("予算内のチャレンジ", warm);
        var home = await QueryCounter.CountAsync(Factory, () => client.GetStringAsync("/"));

        var me = await SocialFixture.StaffIdAsync(Factory, "demo-staff");
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(StaffClaims.StaffId, me.ToString())], "test"));
        var panel = await QueryCounter.CountAsync(Factory, () => PanelAsync(user, expectChallenge: true));
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<Lms.Modules.Gamification.Data.GamificationDbContext>().Challenges.ExecuteDeleteAsync());
        await SocialFixture.ForgetCachesAsync(Factory);
        await PanelAsync(user, expectChallenge: false); // the list of challenges is cached again
        var none = await QueryCounter.CountAsync(Factory, () => PanelAsync(user, expectChallenge: false));

        output.WriteLine($"queries: home {home}, challenge panel {panel}, without a challenge {none}");
        Assert.InRange(home, 1, HomeBudget);
        Assert.Equal(1, panel);
        Assert.Equal(0, none);

        Task PanelAsync(ClaimsPrincipal who, bool expectChallenge) => Factory.WithScopeAsync(async sp =>
        {
            var challenge = await sp.GetRequiredService<SocialBoards>().HomeChallengeAsync(who, english: false);
            Assert.Equal(expectChallenge, challenge is not null);
        });
    }
}
