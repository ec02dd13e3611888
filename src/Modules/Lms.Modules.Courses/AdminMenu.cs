using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Courses;

internal sealed class AdminMenu(IStringLocalizer<CoursesStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Courses"], "/admin/courses", Permissions.ManageCourses, 150, "Learning"),
    ];
}
