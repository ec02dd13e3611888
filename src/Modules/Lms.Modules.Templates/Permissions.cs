using Lms.Framework.Security;

namespace Lms.Modules.Templates;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageTemplates = new("ManageTemplates", "Edit e-mail and certificate templates", "Templates");

    public IEnumerable<Permission> GetPermissions() => [ManageTemplates];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [new(RoleNames.Admin, [ManageTemplates])];
}
