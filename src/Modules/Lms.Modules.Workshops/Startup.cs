using Lms.Framework.Data;
using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Lms.Modules.Workshops.Api;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Attendance;
using Lms.Modules.Workshops.Features.Registration;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Modules.Workshops.Features.Shared;
using Lms.Modules.Workshops.Features.Teams;
using Lms.Modules.Workshops.Home;
using Lms.Modules.Workshops.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Workshops;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<WorkshopsDbContext, SqliteWorkshopsDbContext, PostgresWorkshopsDbContext>(WorkshopsDbContext.Prefix);
        services.AddScoped<WorkshopCatalog>();
        services.AddScoped<WorkshopPeople>();
        services.AddScoped<SessionEditor>();
        services.AddScoped<SeatBook>();
        services.AddScoped<SessionCalendar>();
        services.AddScoped<SessionViews>();
        TeamsServices.Add(services);
        AttendanceServices.Add(services);

        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddSingleton<IHomePanelProvider, WorkshopsPanelProvider>();
        services.AddRecipeStep<DemoWorkshopsStep>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        WorkshopsApi.Map(endpoints);
        CalendarEndpoints.Map(endpoints);
        TeamsServices.Map(endpoints);
        AttendanceServices.Map(endpoints);
    }
}
