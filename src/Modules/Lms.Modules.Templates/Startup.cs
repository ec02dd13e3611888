using Lms.Framework.Data;
using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Modules.Templates.Api;
using Lms.Modules.Templates.Data;
using Lms.Modules.Templates.Features.ListTemplates;
using Lms.Modules.Templates.Liquid;
using Lms.Modules.Templates.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Templates;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<TemplatesDbContext, SqliteTemplatesDbContext, PostgresTemplatesDbContext>(TemplatesDbContext.Prefix);
        services.AddMemoryCache();
        services.AddSingleton<LiquidEngine>();
        services.AddScoped<TemplateRenderer>();
        services.AddScoped<TemplateQueries>();
        services.AddScoped<Lms.Contracts.Media.IMediaUsageProvider, TemplateMediaUsage>();

        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddRecipeStep<TemplatesStep>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => TemplatesApi.Map(endpoints);
}
