using System.Security.Claims;
using Lms.Framework.Security;
using Lms.Framework.Web;

namespace Lms.Modules.Workshops.Home;

/// <summary>Staff: their coming sessions and workshops still to book. Facilitators: the sessions they run.</summary>
internal sealed class WorkshopsPanelProvider : IHomePanelProvider
{
    public IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user)
    {
        if (user.HasClaim(PermissionClaims.Type, Permissions.AttendWorkshops.Name))
        {
            yield return new("MyWorkshops", 15);
        }
    }
}
