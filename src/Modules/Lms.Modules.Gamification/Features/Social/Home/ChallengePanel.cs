using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Mvc;

namespace Lms.Modules.Gamification.Features.Social.Home;

internal sealed class ChallengePanelProvider : IHomePanelProvider
{
    public IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user) =>
        user.HasClaim(PermissionClaims.Type, Permissions.EarnBadges.Name) && user.GetStaffId() is not null ? [new("DepartmentChallenge", 30)] : [];
}

/// <summary>
/// The home page's line about the department's challenge. No query when no challenge applies, one (whether the person
/// switched the displays off) when one does: the challenges, the rates and the site's zone come from the cache, so the
/// home page stays within its budget.
/// Nothing at all when the displays are off or no challenge applies.
/// </summary>
public sealed class DepartmentChallengeViewComponent(SocialBoards boards) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var challenge = await boards.HomeChallengeAsync(UserClaimsPrincipal, english: !LmsCultures.IsJapanese, HttpContext.RequestAborted);
        return challenge is null ? Content("") : View("/Features/Social/Home/DepartmentChallenge.cshtml", challenge);
    }
}
