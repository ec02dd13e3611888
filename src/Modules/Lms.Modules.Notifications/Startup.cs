using Lms.Framework.Data;
using Lms.Framework.Jobs;
using Lms.Framework.Modules;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Lms.Modules.Notifications.Api;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Digest;
using Lms.Modules.Notifications.Features.Inbox;
using Lms.Modules.Notifications.Features.Outbox;
using Lms.Modules.Notifications.Features.PreferencePages;
using Lms.Modules.Notifications.Features.Reminders;
using Lms.Modules.Notifications.Handlers;
using Lms.Modules.Notifications.Mail;
using Lms.Modules.Notifications.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Notifications;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<NotificationsDbContext, SqliteNotificationsDbContext, PostgresNotificationsDbContext>(NotificationsDbContext.Prefix);
        services.AddMemoryCache();
        MailServices.Add(services);
        services.AddScoped<PreferenceStore>();
        services.AddSingleton<PreferenceLinks>();
        services.AddScoped<MessageComposer>();
        services.AddScoped<Inbox>();
        services.AddScoped<ReminderSweep>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<ManagerDigest>();
        services.AddScoped<InstantMessages>();
        services.AddRecurringJob<ReminderSweepJob>(ReminderSweepJob.Id, "5 * * * *", "Reminders: due soon, overdue, inactive learners and tomorrow's workshops (each at most once per rule and occasion)");
        services.AddRecurringJob<ManagerDigestJob>(ManagerDigestJob.Id, "0 8 * * 1", "Managers' weekly digest: team completion, who is overdue, sessions coming up (at most one a week each)");
        services.AddRecurringJob<MailOutboxJob>(MailOutboxJob.Id, "* * * * *", "Send the e-mail outbox (retries with backoff; working hours respected)");
        services.AddRecipeStep<ReminderRulesStep>();
        services.AddSingleton<IHeaderWidgetProvider, NotificationBellProvider>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddSingleton<IPermissionProvider, Permissions>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        NotificationsApi.Map(endpoints);
        UnsubscribeEndpoint.Map(endpoints);
    }
}
