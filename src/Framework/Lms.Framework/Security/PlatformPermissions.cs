namespace Lms.Framework.Security;

/// <summary>Permissions of the platform itself (admin area, jobs, recipes, settings).</summary>
public sealed class PlatformPermissions : IPermissionProvider
{
    public static readonly Permission AccessAdminArea = new("AccessAdminArea", "Open the admin area", "Platform");
    public static readonly Permission ManageJobs = new("ManageJobs", "Open the background-jobs dashboard and run jobs", "Platform");
    public static readonly Permission RunRecipes = new("RunRecipes", "Run recipes that change the site", "Platform");
    public static readonly Permission ManageSettings = new("ManageSettings", "Change site settings", "Platform");

    public IEnumerable<Permission> GetPermissions() => [AccessAdminArea, ManageJobs, RunRecipes, ManageSettings];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
        [
            new(RoleNames.Admin, [AccessAdminArea, ManageJobs, RunRecipes, ManageSettings]),
            new(RoleNames.Author, [AccessAdminArea]),
        ];
}
