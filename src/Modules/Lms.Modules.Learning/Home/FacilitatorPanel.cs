using System.Security.Claims;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Mvc;

namespace Lms.Modules.Learning.Home;

/// <summary>For facilitators: the way to what learners shared with them.</summary>
internal sealed class FacilitatorPanelProvider : IHomePanelProvider
{
    public IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user) =>
        user.HasClaim(PermissionClaims.Type, Permissions.ReadSharedReflections.Name) ? [new("FacilitatorLinks", 20)] : [];
}

public sealed class FacilitatorLinksViewComponent : ViewComponent
{
    public IViewComponentResult Invoke() => View();
}
