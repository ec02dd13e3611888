using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification;

internal sealed class AdminMenu(IStringLocalizer<GamificationStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Badges"], "/admin/badges", Permissions.ManageBadges, 230, "Learning"),
        new(T["Points and levels"], "/admin/gamification/settings", Permissions.ManageBadges, 240, "Learning"),
        new(T["Department challenges"], "/admin/gamification/challenges", Permissions.ManageBadges, 250, "Learning"),
    ];
}
