using System.Security.Claims;
using Lms.Framework.Modules;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Organization;

public sealed class PermissionTests(LmsAppFactory factory) : SiteTest(factory)
{
    private async Task<IReadOnlyList<string>> AdminPermissionsAsync() => await Factory.WithScopeAsync(async sp =>
    {
        var roles = sp.GetRequiredService<RoleManager<LmsRole>>();
        var admin = await roles.FindByNameAsync(RoleNames.Admin);
        return (IReadOnlyList<string>)[.. (await roles.GetClaimsAsync(admin!)).Where(c => c.Type == PermissionClaims.Type).Select(c => c.Value)];
    });

    private Task RunStartupTasksAsync() => Factory.WithScopeAsync(async sp =>
    {
        foreach (var task in sp.GetServices<IStartupTask>())
        {
            await task.RunAsync(default);
        }

        return true;
    });

    [Fact]
    public async Task Setup_gives_the_Admin_role_every_permission_the_modules_declare()
    {
        var declared = Factory.Services.GetServices<IPermissionProvider>().SelectMany(p => p.GetPermissions()).Select(p => p.Name);

        Assert.Equal(declared.Order(), (await AdminPermissionsAsync()).Order());
    }

    [Fact]
    public async Task A_permission_new_to_the_site_is_granted_once_and_an_admins_removal_sticks()
    {
        // As if the site predates ManageJobs: it was never introduced, and Admin lacks it.
        await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            await db.IntroducedPermissions.Where(p => p.Name == "ManageJobs").ExecuteDeleteAsync();
            var roles = sp.GetRequiredService<RoleManager<LmsRole>>();
            await roles.RemoveClaimAsync((await roles.FindByNameAsync(RoleNames.Admin))!, new Claim(PermissionClaims.Type, "ManageJobs"));
            await roles.RemoveClaimAsync((await roles.FindByNameAsync(RoleNames.Admin))!, new Claim(PermissionClaims.Type, "RunRecipes"));
            return true;
        });

        await RunStartupTasksAsync();

        var permissions = await AdminPermissionsAsync();
        Assert.Contains("ManageJobs", permissions);
        Assert.DoesNotContain("RunRecipes", permissions); // introduced before, then removed by an admin: stays removed
    }
}
