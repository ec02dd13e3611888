using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Certificates;

internal sealed class AdminMenu(IStringLocalizer<CertificatesStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Certificates"], "/admin/certificates", Permissions.ManageCertificates, 320, "Learning"),
    ];
}
