using System.Security.Claims;
using Lms.Framework.Modules;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Organization.Recipes;

/// <summary>
/// When an upgrade brings a module with new permissions, grant each new permission once to the roles
/// its module names by default, so an existing site's admins can use the new screens.
/// </summary>
internal sealed class PermissionSynchronizer(OrganizationDbContext db, RoleManager<LmsRole> roles, IEnumerable<IPermissionProvider> providers, TimeProvider clock, ILogger<PermissionSynchronizer> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!await db.Roles.AnyAsync(cancellationToken))
        {
            return; // not set up yet: the setup recipe's roles step grants the defaults
        }

        var introduced = (await db.IntroducedPermissions.Select(p => p.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var fresh = providers.SelectMany(p => p.GetPermissions()).DistinctBy(p => p.Name).Where(p => !introduced.Contains(p.Name)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        foreach (var stereotype in providers.SelectMany(p => p.GetDefaultStereotypes()))
        {
            var role = await roles.FindByNameAsync(stereotype.RoleName);
            if (role is null)
            {
                continue;
            }

            foreach (var permission in stereotype.Permissions.Where(p => fresh.Any(f => f.Name == p.Name)))
            {
                await roles.AddClaimAsync(role, new Claim(PermissionClaims.Type, permission.Name));
                logger.LogInformation("Granted new permission {Permission} to role {Role}", permission.Name, role.Name);
            }
        }

        db.IntroducedPermissions.AddRange(fresh.Select(p => new IntroducedPermission { Name = p.Name, IntroducedAt = clock.GetUtcNow() }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
