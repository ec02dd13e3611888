using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Mvc;

namespace Lms.Modules.Certificates.Home;

/// <summary>The way to one's certificates (and, for managers, the team's) from the home page. No query: just links.</summary>
internal sealed class CertificatesPanelProvider : IHomePanelProvider
{
    public IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user) =>
        user.GetStaffId() is not null && user.HasClaim(PermissionClaims.Type, Permissions.ViewOwnCertificates.Name) ? [new("CertificateLinks", 35)] : [];
}

public sealed class CertificateLinksViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() =>
        View(UserClaimsPrincipal.HasClaim(PermissionClaims.Type, Permissions.DownloadTeamCertificates.Name));
}
