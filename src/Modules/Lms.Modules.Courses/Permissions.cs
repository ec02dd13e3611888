using Lms.Framework.Security;

namespace Lms.Modules.Courses;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageCourses = new("ManageCourses", "Write, publish and archive courses", "Learning");

    public IEnumerable<Permission> GetPermissions() => [ManageCourses];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [new(RoleNames.Admin, [ManageCourses])];
}
