namespace Lms.Modules.Notifications.Mail;

/// <summary>
/// <c>Lms:Mail</c>: the sender and how mail leaves the site. Without <c>Lms:Mail:Smtp:Host</c> every message is
/// written as an <c>.eml</c> file to the pickup folder (development, demos, or a relay that collects the folder).
/// </summary>
internal sealed class MailOptions
{
    public const string Section = "Lms:Mail";

    /// <summary>Envelope sender and <c>From</c> address.</summary>
    public string From { get; set; } = "no-reply@localhost";

    /// <summary>Display name of the sender, e.g. 「○○市 研修システム」. Empty: the bare address.</summary>
    public string FromName { get; set; } = "";

    /// <summary>
    /// Folder of the pickup transport: absolute, or relative to the content root. Empty: <c>mail/pickup</c> in the
    /// data directory.
    /// </summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary><c>Lms:Mail:Smtp</c>.</summary>
internal sealed class SmtpOptions
{
    /// <summary>Server name or address. Empty: no SMTP server, mail goes to the pickup folder.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Authenticate only when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Limit for connecting and for each command (default 30 s).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds > 0 ? TimeoutSeconds : 30);
}

/// <summary>How the SMTP connection is secured.</summary>
internal enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>Plain text (a relay on the local network).</summary>
    None,

    /// <summary>STARTTLS, required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
