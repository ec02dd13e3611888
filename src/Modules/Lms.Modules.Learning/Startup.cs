using Microsoft.AspNetCore.Mvc.RazorPages;
using Lms.Modules.Learning.Features.Learn.Preview;
using Lms.Framework.Data;
using Lms.Framework.Jobs;
using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Lms.Modules.Learning.Api;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Domain;
using Lms.Modules.Learning.Features.Learn;
using Lms.Modules.Learning.Features.SyncEnrolments;
using Lms.Modules.Learning.Home;
using Lms.Modules.Learning.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Learning;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<LearningDbContext, SqliteLearningDbContext, PostgresLearningDbContext>(LearningDbContext.Prefix);
        services.AddScoped<EnrolmentSync>();
        services.AddSingleton<EnrolmentSyncQueue>();
        services.AddSingleton<IDeferredWork>(sp => sp.GetRequiredService<EnrolmentSyncQueue>());
        services.AddScoped<LearnerCourses>();
        services.AddScoped<CompletionRecorder>();
        services.AddScoped<CourseCompletionSweep>();
        services.AddScoped<SiteCalendar>();
        services.AddRecurringJob<SyncEnrolmentsJob>(SyncEnrolmentsJob.Id, "30 2 * * *",
            "Enrols everyone the course assignments cover and withdraws those they no longer cover (catches up on anything missed).");

        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddSingleton<IHomePanelProvider, MyCoursesPanelProvider>();
        services.AddSingleton<IHomePanelProvider, FacilitatorPanelProvider>();
        services.AddRecipeStep<CourseAssignmentsStep>();
        services.AddRecipeStep<DemoLearningStep>();
        // Authors preview a draft through the learner's own pages (see CoursePreview).
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Features/Learn/Pages/CoursePage", CoursePreview.CourseRoute);
            o.Conventions.AddPageRoute("/Features/Learn/Pages/ActivityPage", CoursePreview.ActivityRoute);
        });
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => LearningApi.Map(endpoints);
}
