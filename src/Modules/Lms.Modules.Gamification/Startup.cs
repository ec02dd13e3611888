using Lms.Framework.Data;
using Lms.Framework.Jobs;
using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Modules.Gamification.Api;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;
using Lms.Modules.Gamification.Features.Badges;
using Lms.Modules.Gamification.Features.OpenBadges;
using Lms.Modules.Gamification.Features.Points;
using Lms.Modules.Gamification.Features.Wallet;
using Lms.Modules.Gamification.Jobs;
using Lms.Modules.Gamification.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Gamification;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<GamificationDbContext, SqliteGamificationDbContext, PostgresGamificationDbContext>(GamificationDbContext.Prefix);
        services.AddMemoryCache();
        services.AddScoped<GameSettingsStore>();
        services.AddScoped<GamePreferences>();
        services.AddScoped<CriteriaText>();
        services.AddScoped<PointsLedger>();
        services.AddScoped<PointsReconciler>();
        services.AddScoped<BadgeAwarder>();
        services.AddScoped<BadgeDefinitions>();
        services.AddRecurringJob<AwardBadgesJob>(AwardBadgesJob.Id, "30 3 * * *", "Reconcile points and award badges to everyone who qualifies (also after a badge is defined or changed)");
        services.AddRecipeStep<BadgesStep>();
        OpenBadgesServices.Add(services);
        WalletServices.Add(services);
        Features.Social.SocialServices.Add(services);
        Features.Admin.GamificationAdmin.Add(services);

        services.AddSingleton<IPermissionProvider, Permissions>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        BadgeImageEndpoints.Map(endpoints);
        OpenBadgesServices.Map(endpoints);
        WalletServices.Map(endpoints);
        Features.Social.SocialServices.Map(endpoints);
        Features.Admin.GamificationAdmin.Map(endpoints);
    }
}
