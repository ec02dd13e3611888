using Lms.Framework.Security;

namespace Lms.Modules.Learning;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>Every member of staff: take the courses one is enrolled in.</summary>
    public static readonly Permission TakeCourses = new("TakeCourses", "Take the courses one is enrolled in", "Learning");
    public static readonly Permission AssignCourses = new("AssignCourses", "Assign courses to tiers, org units or everyone, with due dates", "Learning");

    public IEnumerable<Permission> GetPermissions() => [TakeCourses, AssignCourses];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Staff, [TakeCourses]),
        new(RoleNames.Manager, [TakeCourses]),
        new(RoleNames.Facilitator, [TakeCourses]),
        new(RoleNames.Admin, [TakeCourses, AssignCourses]),
    ];
}
