using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Lms.Framework.Backup;
using Lms.Framework.Data;
using Lms.Framework.Data.Platform;
using Lms.Framework.Health;
using Lms.Framework.Jobs;
using Lms.Framework.Mediator;
using Lms.Framework.Modules;
using Lms.Framework.Observability;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Framework.Settings;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders;

namespace Lms.Framework;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// Everything the platform needs, then each enabled module's services in dependency order:
    /// the equivalent of Orchard Core's <c>AddOrchardCms()</c>.
    /// </summary>
    public static WebApplicationBuilder AddLmsPlatform(this WebApplicationBuilder builder, bool isCommand = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Module and theme assets from bin/ also outside Development (a no-op once published).
        builder.WebHost.UseStaticWebAssets();
        // A service a module cannot build fails the start, in every environment (tests included),
        // not the first request or background job that needs it.
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        if (isCommand)
        {
            // An operator's command prints its own result; keep the framework's chatter out of it.
            builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        }

        var services = builder.Services;
        var configuration = builder.Configuration;
        var catalog = ModuleCatalog.Discover(configuration);
        var database = DatabaseConfiguration.Read(configuration, builder.Environment);
        var startups = CreateStartups(catalog);

        services.AddSingleton(catalog);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().Configure(o =>
        {
            o.Provider = database.Provider;
            o.ConnectionString = database.ConnectionString;
            o.DataDirectory = database.DataDirectory;
            o.SharedDirectory = database.SharedDirectory;
            o.MigrateOnStartup = database.MigrateOnStartup;
        });

        // Start-up work first, so it runs before Hangfire's server and Kestrel start.
        if (!isCommand)
        {
            services.AddHostedService<PlatformInitializationService>();
            services.AddHostedService<Modules.DeferredWorkService>();
        }

        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<RecipeRunner>();
        services.AddSingleton<SiteSetup>();

        services.AddModuleDbContext<PlatformDbContext, SqlitePlatformDbContext, PostgresPlatformDbContext>(PlatformDbContext.Prefix);
        services.AddMemoryCache();
        services.AddSingleton<SiteSettingsCache>();
        services.AddScoped<ISiteSettingsService, SiteSettingsService>();
        services.AddScoped<SiteTime>();
        services.AddRecipeStep<SettingsStep>();

        var moduleAssemblies = catalog.EnabledAssemblies.Prepend(typeof(PlatformServiceCollectionExtensions).Assembly).Distinct().ToList();
        services.AddLmsMediator(moduleAssemblies);

        services.AddSingleton<IPermissionProvider, PlatformPermissions>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<AdminMenu>();
        services.AddScoped<IAdminMenuProvider, PlatformAdminMenu>();
        services.AddAuthorization(options =>
        {
            // Every endpoint needs a signed-in user unless it says otherwise (AllowAnonymous or a permission).
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        services.AddLmsForwardedHeaders(configuration);
        services.AddLmsHardening(configuration);

        services.AddDataProtection()
            .SetApplicationName("Lms")
            .PersistKeysToDbContext<PlatformDbContext>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRequestLocalization(o =>
        {
            o.SetDefaultCulture(LmsCultures.Japanese.Name);
            o.SupportedCultures = LmsCultures.Supported;
            o.SupportedUICultures = LmsCultures.Supported;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Pages: ?culture= or the sticky cookie, else Japanese, whatever the browser's language.
            // API callers: their Accept-Language decides the language of problem details.
            var acceptLanguage = new AcceptLanguageHeaderRequestCultureProvider();
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(context => context.Request.IsApi()
                    ? acceptLanguage.DetermineProviderCultureResult(context)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
        });
        services.AddSingleton<ThemeLayout>();
        services.AddSingleton<Content.IMarkdownRenderer, Content.MarkdownRenderer>();

        var mvc = services.AddRazorPages(o =>
        {
            // Pages live beside their use case (Features/<UseCase>/<UseCase>.cshtml) with absolute routes.
            o.RootDirectory = "/";
        }).AddViewLocalization().AddDataAnnotationsLocalization();
        foreach (var assembly in moduleAssemblies)
        {
            mvc.AddApplicationPart(assembly);
        }

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemLocalization.Apply);
        services.AddHttpContextAccessor();

        services.AddHealthChecks()
            .AddDbContextCheck<PlatformDbContext>("database", tags: [HealthProbes.Ready])
            .AddCheck<HangfireHealthCheck>("jobs", tags: [HealthProbes.Ready]);
        services.AddLmsTelemetry(configuration, builder.Environment.EnvironmentName);

        services.AddLmsHangfire(configuration, database, runServer: !isCommand);
        services.AddSingleton<RecurringJobInvoker>();
        services.AddRecurringJob<DatabaseMaintenanceJob>(DatabaseMaintenanceJob.Id, "0 3 * * *", "Database housekeeping: SQLite WAL checkpoint and statistics, PostgreSQL ANALYZE");
        services.AddLmsBackup();

        var context = new ModuleContext(configuration, builder.Environment, catalog);
        foreach (var startup in startups)
        {
            startup.ConfigureServices(services, context);
        }

        services.AddSingleton<IReadOnlyList<ModuleStartup>>(startups);
        return builder;
    }

    private static List<ModuleStartup> CreateStartups(ModuleCatalog catalog)
    {
        var startups = new List<(int FeatureIndex, ModuleStartup Startup)>();
        var features = catalog.EnabledFeatures.ToList();
        foreach (var module in catalog.Modules)
        {
            foreach (var type in module.Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(ModuleStartup)) && !t.IsAbstract))
            {
                var featureId = type.GetCustomAttribute<RequireFeatureAttribute>()?.FeatureId ?? module.Id;
                var index = features.FindIndex(f => f.Id == featureId);
                if (index < 0)
                {
                    continue; // its feature is switched off
                }

                startups.Add((index, (ModuleStartup)Activator.CreateInstance(type)!));
            }
        }

        return [.. startups.OrderBy(s => s.FeatureIndex).ThenBy(s => s.Startup.Order).Select(s => s.Startup)];
    }
}
