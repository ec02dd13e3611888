using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization;

internal sealed class AdminMenu(IStringLocalizer<OrganizationStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Org chart"], "/admin/org-units", Permissions.ViewOrganization, 100, "People"),
        new(T["Staff"], "/admin/staff", Permissions.ViewOrganization, 110, "People"),
        new(T["Roster import"], "/admin/roster-imports", Permissions.ManageOrganization, 120, "People"),
        new(T["Audit trail"], "/admin/audit", Permissions.ManageOrganization, 190, "People"),
    ];
}
