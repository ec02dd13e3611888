using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Templates;

internal sealed class AdminMenu(IStringLocalizer<TemplatesStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
        [new(T["Templates"], "/admin/templates", Permissions.ManageTemplates, 400, "Content")];
}
