using Lms.Framework.Security;

namespace Lms.Modules.Learning;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>Every member of staff: take the courses one is enrolled in.</summary>
    public static readonly Permission TakeCourses = new("TakeCourses", "Take the courses one is enrolled in", "Learning");
    public static readonly Permission AssignCourses = new("AssignCourses", "Assign courses to tiers, org units or everyone, with due dates", "Learning");
    /// <summary>Only reflections of activities whose course author allowed it (shareWithFacilitator) are ever shown.</summary>
    public static readonly Permission ReadSharedReflections = new("ReadSharedReflections", "Read the reflections shared with facilitators (where the course allows it)", "Learning");

    /// <summary>Course authors: open a course's unpublished draft as a learner would see it (nothing is recorded).</summary>
    public static readonly Permission PreviewCourses = new("PreviewCourses", "Preview unpublished course drafts as a learner", "Learning");

    public IEnumerable<Permission> GetPermissions() => [TakeCourses, AssignCourses, ReadSharedReflections, PreviewCourses];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Staff, [TakeCourses]),
        new(RoleNames.Manager, [TakeCourses]),
        new(RoleNames.Facilitator, [TakeCourses, ReadSharedReflections]),
        new(RoleNames.Author, [TakeCourses, PreviewCourses]),
        new(RoleNames.Admin, [TakeCourses, AssignCourses, ReadSharedReflections, PreviewCourses]),
    ];
}
