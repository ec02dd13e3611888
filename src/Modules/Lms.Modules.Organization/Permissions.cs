using Lms.Framework.Security;

namespace Lms.Modules.Organization;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ViewOrganization = new("ViewOrganization", "Browse the org chart and the staff list", "People");
    public static readonly Permission ManageOrganization = new("ManageOrganization", "Edit staff, org units, managers and roles", "People");

    public IEnumerable<Permission> GetPermissions() => [ViewOrganization, ManageOrganization];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
        [new(RoleNames.Admin, [ViewOrganization, ManageOrganization])];
}
