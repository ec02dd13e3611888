using Lms.Framework.Data;
using Lms.Framework.Jobs;
using Lms.Framework.Modules;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Lms.Modules.Reporting.Api;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;
using Lms.Modules.Reporting.Features.TeamProgress;
using Lms.Modules.Reporting.Projection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Reporting;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<ReportingDbContext, SqliteReportingDbContext, PostgresReportingDbContext>(ReportingDbContext.Prefix);
        services.AddSingleton<ReportingQueue>();
        services.AddSingleton<IDeferredWork>(sp => sp.GetRequiredService<ReportingQueue>());
        services.AddScoped<ReadModelWriter>();
        services.AddScoped<RefreshCourseJob>();
        services.AddRecurringJob<RebuildReportingJob>(RebuildReportingJob.Id, "15 3 * * *", "Reporting: recompute every report's read model from the owning modules' data");
        services.AddScoped<IStartupTask, FirstRebuild>();
        services.AddScoped<SiteDay>();
        services.AddSingleton<ReportCache>();
        services.AddScoped<TeamScope>();
        services.AddScoped<TeamProgressQuery>();
        services.AddScoped<Nudges>();
        services.AddScoped<Features.Organisation.OrganisationReportQuery>();
        services.AddScoped<Features.Readiness.ReadinessQuery>();
        services.AddSingleton<IHomePanelProvider, Home.TeamProgressPanelProvider>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddSingleton<IPermissionProvider, Permissions>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => ReportingApi.Map(endpoints);
}
