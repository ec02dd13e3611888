using System.Security.Claims;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Mvc;

namespace Lms.Modules.Reporting.Home;

/// <summary>Managers reach their team's progress from the home page. No query: a link only (the home page has a query budget).</summary>
internal sealed class TeamProgressPanelProvider : IHomePanelProvider
{
    public IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user) =>
        user.HasClaim(PermissionClaims.Type, Permissions.ViewTeamProgress.Name) || user.HasClaim(PermissionClaims.Type, Permissions.ViewOrganisationReports.Name)
            ? [new("TeamProgressLinks", 15)] : [];
}

public sealed class TeamProgressLinksViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() =>
        View((UserClaimsPrincipal.HasClaim(PermissionClaims.Type, Permissions.ViewTeamProgress.Name), UserClaimsPrincipal.HasClaim(PermissionClaims.Type, Permissions.ViewOrganisationReports.Name)));
}
