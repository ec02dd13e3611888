namespace Lms.Modules.Notifications.Mail;

/// <summary>Hands messages over to whatever delivers them (an SMTP server, a pickup folder).</summary>
internal interface IMailTransport
{
    /// <summary>
    /// Opens a session for a batch of messages (for SMTP: connects and authenticates).
    /// Throws <see cref="MailDeliveryException"/> (transient) when that fails.
    /// </summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>One connection used for many messages, one at a time (not thread-safe).</summary>
internal interface IMailSession : IAsyncDisposable
{
    /// <summary>
    /// Sends one message. Throws <see cref="MailDeliveryException"/> on failure; the session stays usable
    /// (a broken connection is re-established by the next call).
    /// </summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
