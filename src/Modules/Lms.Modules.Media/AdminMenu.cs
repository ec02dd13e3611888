using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Media;

internal sealed class AdminMenu(IStringLocalizer<MediaStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Media library"], "/admin/media", Permissions.ManageMedia, 150, "Content"),
    ];
}
