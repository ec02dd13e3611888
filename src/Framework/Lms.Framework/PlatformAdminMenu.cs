using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Framework;

internal sealed class PlatformAdminMenu(IStringLocalizer<FrameworkStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Recipes"], "/admin/recipes", PlatformPermissions.RunRecipes, 900, "Platform"),
        new(T["Background jobs"], "/hangfire", PlatformPermissions.ManageJobs, 910, "Platform"),
    ];
}
