using System.Security.Claims;

namespace Lms.Framework.Web;

/// <summary>A panel on the signed-in home page: a view component of some module, with its arguments.</summary>
public sealed record HomePanel(string ViewComponent, int Order, object? Arguments = null);

/// <summary>Modules put panels on the home page through this, so the page knows no module.</summary>
public interface IHomePanelProvider
{
    IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user);
}
