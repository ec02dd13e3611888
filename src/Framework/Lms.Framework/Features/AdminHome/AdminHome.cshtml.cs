using Lms.Framework.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Framework.Features.AdminHome;

[Authorize(Policy = "AccessAdminArea")]
public sealed class AdminHomeModel(AdminMenu menu) : PageModel
{
    public IReadOnlyList<AdminMenuItem> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await menu.GetVisibleItemsAsync(User);
}
