using Lms.Framework.Security;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications;

internal sealed class AdminMenu(IStringLocalizer<NotificationsStrings> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new(T["Notifications sent"], "/admin/notifications", Permissions.ManageNotifications, 300, "Learning"),
        new(T["Reminder rules"], "/admin/notifications/rules", Permissions.ManageNotifications, 310, "Learning"),
    ];
}
