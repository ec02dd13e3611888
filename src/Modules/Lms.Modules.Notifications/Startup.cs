using Lms.Framework.Modules;
using Lms.Modules.Notifications.Mail;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Notifications;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        MailServices.Add(services);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
