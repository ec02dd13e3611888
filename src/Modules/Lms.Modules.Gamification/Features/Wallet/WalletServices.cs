using Lms.Framework.Web;
using Lms.Modules.Gamification.Api;
using Lms.Modules.Gamification.Features.Progress;
using Lms.Modules.Gamification.Home;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification.Features.Wallet;

/// <summary>What a member of staff sees of their own game: achievements, streaks, settings, the home panel and the /me API.</summary>
internal static class WalletServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<PlayerProgressReader>();
        services.AddScoped<LedgerText>();
        services.AddScoped<BadgeWallet>();
        services.AddScoped<EvidenceText>();
        services.AddScoped<AwardViews>();
        services.AddSingleton<GamificationPanelCache>();
        services.AddSingleton<IHomePanelProvider, GamificationPanelProvider>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => MeApi.Map(endpoints);
}
