namespace Lms.Modules.Notifications;

/// <summary>Marker for this module's strings (Resources/NotificationsStrings.ja.resx). Keys are the English text.</summary>
public sealed class NotificationsStrings;
