using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Reporting;

internal sealed class AdminMenu(IStringLocalizer<ReportingStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Organisation report"], "/reports/organisation", Permissions.ViewOrganisationReports, 328, "Learning"),
        new(T["Step-0 readiness index"], "/reports/readiness", Permissions.ViewOrganisationReports, 329, "Learning"),
        new(T["Progress by unit"], "/team/progress", Permissions.ViewOrganisationReports, 330, "Learning"),
    ];
}
