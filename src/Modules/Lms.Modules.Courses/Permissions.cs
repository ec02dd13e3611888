using Lms.Framework.Security;

namespace Lms.Modules.Courses;

public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageCourses = new("ManageCourses", "Write and edit course drafts, ask for them to be published", "Learning");
    public static readonly Permission PublishCourses = new("PublishCourses", "Publish and archive courses (what learners see)", "Learning");

    public IEnumerable<Permission> GetPermissions() => [ManageCourses, PublishCourses];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Admin, [ManageCourses, PublishCourses]),
        new(RoleNames.Author, [ManageCourses]),
    ];
}
