using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning;

internal sealed class AdminMenu(IStringLocalizer<LearningStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Course assignments"], "/admin/assignments", Permissions.AssignCourses, 200, "Learning"),
        new(T["Shared reflections"], "/facilitate/reflections", Permissions.ReadSharedReflections, 210, "Learning"),
    ];
}
