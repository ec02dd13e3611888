using Lms.Framework.Security;

namespace Lms.Modules.Gamification;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>Every member of staff: one's own badges, points, streak, the team leaderboards and challenges (each can switch them off).</summary>
    public static readonly Permission EarnBadges = new("EarnBadges", "See one's own badges, points, level and streak, the team leaderboards and department challenges", "Gamification");

    /// <summary>Administrators: badge definitions, bulk award and revoke, points and levels, challenges.</summary>
    public static readonly Permission ManageBadges = new("ManageBadges", "Define badges, award and revoke them in bulk, set points, levels and department challenges", "Gamification");

    public IEnumerable<Permission> GetPermissions() => [EarnBadges, ManageBadges];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Staff, [EarnBadges]),
        new(RoleNames.Manager, [EarnBadges]),
        new(RoleNames.Facilitator, [EarnBadges]),
        new(RoleNames.Author, [EarnBadges]),
        new(RoleNames.Admin, [EarnBadges, ManageBadges]),
    ];
}
