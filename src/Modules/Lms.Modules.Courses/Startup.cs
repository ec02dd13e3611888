using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Features.GetPublishedCourses;
using Lms.Modules.Courses.Features.PublishCourse;
using Lms.Modules.Courses.Recipes;
using Lms.Framework.Data;
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
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddRecipeStep<CoursesStep>();
    }
}
