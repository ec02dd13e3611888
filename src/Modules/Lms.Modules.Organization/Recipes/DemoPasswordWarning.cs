using Lms.Framework.Modules;
using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Organization.Recipes;

/// <summary>Outside development, says loudly at every start that the demo accounts still open with their published password.</summary>
internal sealed class DemoPasswordWarning(UserManager<LmsUser> users, IHostEnvironment environment, ILogger<DemoPasswordWarning> logger) : IStartupTask
{
    public const string PublishedPassword = "Demo-2026!";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        var admin = await users.FindByNameAsync("demo-admin");
        if (admin is { IsActive: true } && await users.CheckPasswordAsync(admin, PublishedPassword))
        {
            logger.LogWarning(
                "The demo accounts (demo-admin, demo-author, demo-facilitator, demo-manager, demo-staff) exist with their published password. " +
                "For real use, start on an empty data directory with Lms:Demo:Enabled=false and Lms:Setup:AdminUserName/AdminPassword set, " +
                "or deactivate the demo accounts in the admin area.");
        }
    }
}
