using System.Security.Claims;

namespace Lms.Framework.Web;

/// <summary>A panel on the signed-in home page: a view component of some module, with its arguments.</summary>
public sealed record HomePanel(string ViewComponent, int Order, object? Arguments = null);

/// <summary>Modules put panels on the home page through this, so the page knows no module.</summary>
public interface IHomePanelProvider
{
    IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user);
}

/// <summary>A small item in the page header (e.g. the notification bell): a view component of some module.</summary>
public sealed record HeaderWidget(string ViewComponent, int Order);

/// <summary>Modules put items in the staff header through this; a widget must be cheap (it renders on every page).</summary>
public interface IHeaderWidgetProvider
{
    IEnumerable<HeaderWidget> GetWidgets(ClaimsPrincipal user);
}
