using Lms.Contracts.Media;
using Lms.Framework.Data;
using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Modules.Courses.Api;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Features.CourseVersions;
using Lms.Modules.Courses.Features.EditCourse;
using Lms.Modules.Courses.Features.ExportCourses;
using Lms.Modules.Courses.Features.GetPublishedCourses;
using Lms.Modules.Courses.Features.ListCourses;
using Lms.Modules.Courses.Features.PublishCourse;
using Lms.Modules.Courses.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Courses;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<CoursesDbContext, SqliteCoursesDbContext, PostgresCoursesDbContext>(CoursesDbContext.Prefix);
        services.AddMemoryCache();
        services.AddSingleton<PublishedVersionCache>();
        services.AddScoped<CoursePublisher>();
        services.AddScoped<CourseDrafts>();
        services.AddScoped<CourseLifecycle>();
        services.AddScoped<CourseCatalog>();
        services.AddScoped<CourseExport>();
        services.AddScoped<CourseHistory>();
        services.AddScoped<IMediaUsageProvider, CourseMediaUsage>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddRecipeStep<CoursesStep>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => CoursesApi.Map(endpoints);
}
