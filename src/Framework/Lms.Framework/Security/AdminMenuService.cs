using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Lms.Framework.Security;

/// <summary>The admin menu as the current user may see it.</summary>
public sealed class AdminMenu(IEnumerable<IAdminMenuProvider> providers, IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<AdminMenuItem>> GetVisibleItemsAsync(ClaimsPrincipal user)
    {
        var visible = new List<AdminMenuItem>();
        foreach (var item in providers.SelectMany(p => p.GetItems()).OrderBy(i => i.Order))
        {
            if ((await authorization.AuthorizeAsync(user, item.Permission.Name)).Succeeded)
            {
                visible.Add(item);
            }
        }

        return visible;
    }
}
