namespace Lms.Modules.Notifications.Mail;

/// <summary>
/// A message could not be handed over. <see cref="Permanent"/>: the server refused the recipient or sender for
/// good (5xx), or the message cannot be built; retrying is pointless. Otherwise (connection, timeout, 4xx,
/// protocol error, local disk) a later attempt may succeed.
/// </summary>
internal sealed class MailDeliveryException(string message, bool permanent, Exception? inner)
    : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
