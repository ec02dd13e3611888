using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops;

internal sealed class AdminMenu(IStringLocalizer<WorkshopsStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
        [new(T["Workshop sessions"], "/facilitate/sessions", Permissions.RunWorkshops, 220, "Learning")];
}
