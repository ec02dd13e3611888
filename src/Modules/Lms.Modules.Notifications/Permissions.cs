using Lms.Framework.Security;

namespace Lms.Modules.Notifications;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>Every member of staff: one's inbox and notification preferences.</summary>
    public static readonly Permission ReceiveNotifications = new("ReceiveNotifications", "Read one's own notifications and choose how to receive them", "Notifications");

    /// <summary>Administrators: reminder rules, what was sent and failed, test mails.</summary>
    public static readonly Permission ManageNotifications = new("ManageNotifications", "Edit reminder rules, see what was sent to whom and why, retry failures and send a test mail", "Notifications");

    public IEnumerable<Permission> GetPermissions() => [ReceiveNotifications, ManageNotifications];

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new(RoleNames.Staff, [ReceiveNotifications]),
        new(RoleNames.Manager, [ReceiveNotifications]),
        new(RoleNames.Facilitator, [ReceiveNotifications]),
        new(RoleNames.Author, [ReceiveNotifications]),
        new(RoleNames.Admin, [ReceiveNotifications, ManageNotifications]),
    ];
}
