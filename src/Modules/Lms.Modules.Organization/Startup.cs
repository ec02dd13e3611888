using Lms.Framework.Data;
using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Lms.Modules.Organization.Api;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Home;
using Lms.Modules.Organization.Identity;
using Lms.Modules.Organization.Identity.OpenIdConnect;
using Lms.Modules.Organization.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Organization;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddModuleDbContext<OrganizationDbContext, SqliteOrganizationDbContext, PostgresOrganizationDbContext>(OrganizationDbContext.Prefix);
        services.AddLmsIdentity(context.Configuration);
        services.AddLmsOpenIdConnect(context.Configuration);
        services.AddScoped<AccountLookup>();
        services.AddScoped<FirstSignInCodes>();
        services.AddScoped<Domain.AuditTrail>();
        services.AddScoped<Features.ImportRoster.RosterImporter>();
        services.AddScoped<Features.ImportRoster.RosterImportLock>();
        services.AddScoped<Features.ImportRoster.ImportRosterJob>();
        services.AddScoped<Lms.Framework.Cli.ICommandLineCommand, Features.ImportRoster.RosterCommand>();

        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddSingleton<IHomePanelProvider, ProfilePanelProvider>();

        services.AddRecipeStep<RolesStep>();
        services.AddRecipeStep<DemoCityStep>();
        services.AddRecipeStep<AdminAccountStep>();
        services.AddScoped<IStartupTask, DemoPasswordWarning>();
        services.AddScoped<IStartupTask, PermissionSynchronizer>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        AccountApi.Map(endpoints);
        RosterApi.Map(endpoints);
        RosterExport.Map(endpoints);
    }
}
