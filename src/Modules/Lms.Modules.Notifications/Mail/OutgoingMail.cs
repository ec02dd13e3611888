namespace Lms.Modules.Notifications.Mail;

/// <summary>
/// One message ready to send. <paramref name="MessageId"/> is fixed per outbox row (e.g. <c>&lt;guid@lms&gt;</c>)
/// and becomes the <c>Message-Id</c> header as given, so a retry carries the same id and the pickup folder can
/// tell a message it already has.
/// </summary>
/// <param name="MessageId">A msg-id, with or without the angle brackets.</param>
/// <param name="UnsubscribeUrl">Adds <c>List-Unsubscribe</c> and one-click <c>List-Unsubscribe-Post</c> (RFC 8058).</param>
/// <param name="Category">Adds <c>X-Lms-Category</c> (e.g. <c>reminder.overdue</c>) for filtering and statistics.</param>
internal sealed record OutgoingMail(
    string MessageId,
    string ToAddress,
    string ToName,
    string Subject,
    string TextBody,
    string? UnsubscribeUrl = null,
    string? Category = null);
