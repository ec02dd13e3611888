using Lms.Framework.Recipes;
using Lms.Framework.Web;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Social.Home;
using Lms.Modules.Gamification.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Features.Social;

/// <summary>The opt-in social side: team leaderboard, department challenges, one's own rank among those who joined.</summary>
internal static class SocialServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<CompletionRates>();
        services.AddScoped<SocialCalendar>();
        services.AddScoped<RankBoard>();
        services.AddScoped<ChallengeBoard>();
        services.AddScoped(sp => new SocialBoards(
            sp.GetRequiredService<GamePreferences>(), sp.GetRequiredService<CompletionRates>(), sp.GetRequiredService<RankBoard>(), sp.GetRequiredService<ChallengeBoard>()));
        services.AddSingleton<IHomePanelProvider, ChallengePanelProvider>();
        services.AddRecipeStep<ChallengesStep>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => SocialApi.Map(endpoints);
}
