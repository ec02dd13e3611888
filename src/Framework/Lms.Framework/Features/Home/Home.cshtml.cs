using Lms.Framework.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Framework.Features.Home;

/// <summary>The signed-in home page: panels that modules contribute, in their order.</summary>
[Authorize]
public sealed class HomeModel(IEnumerable<IHomePanelProvider> providers) : PageModel
{
    public IReadOnlyList<HomePanel> Panels { get; private set; } = [];

    public void OnGet() => Panels = [.. providers.SelectMany(p => p.GetPanels(User)).OrderBy(p => p.Order)];
}
