using Lms.Framework.Security;

namespace Lms.Modules.Organization;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ViewOrganization = new("ViewOrganization", "Browse the org chart and the staff list", "People");
    public static readonly Permission ManageOrganization = new("ManageOrganization", "Edit staff, org units and managers", "People");
    /// <summary>Separate from editing people: whoever may grant roles may make anyone an admin.</summary>
    public static readonly Permission AssignRoles = new("AssignRoles", "Grant and remove the roles Manager, Facilitator and Admin", "People");

    public IEnumerable<Permission> GetPermissions() => [ViewOrganization, ManageOrganization, AssignRoles];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
        [new(RoleNames.Admin, [ViewOrganization, ManageOrganization, AssignRoles])];
}
