using Hangfire;
using Lms.Framework.Cli;
using Lms.Framework.Health;
using Lms.Framework.Modules;
using Lms.Framework.Observability;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Framework;

public static class PlatformApplicationBuilderExtensions
{
    /// <summary>The request pipeline and every module's middleware and endpoints.</summary>
    public static WebApplication UseLmsPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var startups = app.Services.GetRequiredService<IReadOnlyList<ModuleStartup>>();

        app.UseLmsForwardedHeaders();
        app.UseLmsRequestIds();
        app.UseLmsHardening();
        app.UseExceptionHandler("/error/500");
        app.UseRequestLocalization();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseLmsRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();
        foreach (var startup in startups)
        {
            startup.Configure(app);
        }

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.Write }).AllowAnonymous();
        app.MapLmsHealthProbes();
        app.MapHangfireDashboardWithAuthorizationPolicy(PlatformPermissions.ManageJobs.Name, "/hangfire", new DashboardOptions
        {
            DashboardTitle = "Step-0 LMS jobs",
            DisplayStorageConnectionString = false,
        });
        app.MapCultureSwitch();
        app.MapRecipeApi();
        foreach (var startup in startups)
        {
            startup.MapEndpoints(app);
        }

        return app;
    }

    /// <summary>Runs an operator command if one is given (<c>jobs ...</c>, <c>recipe ...</c>), else the site.</summary>
    public static async Task<int> RunLmsAsync(this WebApplication app, string[] command)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Length > 0)
        {
            return await LmsCommandLine.RunAsync(app, command, Console.Out, Console.Error);
        }

        await app.RunAsync();
        return 0;
    }
}
