using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Lms.Modules.Notifications.Mail;

/// <summary>Builds the MIME message for an <see cref="OutgoingMail"/>: UTF-8 plain text, headers encoded per RFC 2047.</summary>
internal static class MailMessageFactory
{
    public const string CategoryHeader = "X-Lms-Category";

    /// <summary>
    /// The message as it goes on the wire or into the pickup folder. Throws <see cref="ArgumentException"/>
    /// (or MimeKit's <see cref="ParseException"/>) for a message that can never be sent: a malformed address,
    /// Message-Id or unsubscribe URL.
    /// </summary>
    public static MimeMessage Create(OutgoingMail mail, MailOptions options, DateTimeOffset? date = null)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(options);

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(SingleLine(options.FromName), options.From));
        message.To.Add(new MailboxAddress(SingleLine(mail.ToName), mail.ToAddress));
        message.Subject = SingleLine(mail.Subject);
        message.Date = date ?? TimeProvider.System.GetLocalNow();
        message.MessageId = BareMessageId(mail.MessageId);

        // Automatic mail: no out-of-office replies to the no-reply sender (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");

        if (!string.IsNullOrWhiteSpace(mail.UnsubscribeUrl))
        {
            if (!Uri.TryCreate(mail.UnsubscribeUrl, UriKind.Absolute, out var url)
                || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"Not an absolute http(s) unsubscribe URL: '{mail.UnsubscribeUrl}'.", nameof(mail));
            }

            message.Headers.Add("List-Unsubscribe", "<" + url.AbsoluteUri + ">");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        if (!string.IsNullOrWhiteSpace(mail.Category))
        {
            message.Headers.Add(CategoryHeader, SingleLine(mail.Category));
        }

        var body = new TextPart(TextFormat.Plain);
        body.SetText(Encoding.UTF8, CanonicalLines(mail.TextBody));
        message.Body = body;

        // Choose the transfer encoding now (base64 or quoted-printable for Japanese text), so the SMTP server
        // and the pickup folder get the same 7-bit bytes.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    /// <summary>
    /// <see cref="Create"/> for a transport: a message that cannot be built will never be sent, which is a
    /// permanent <see cref="MailDeliveryException"/>.
    /// </summary>
    public static MimeMessage CreateForDelivery(OutgoingMail mail, MailOptions options)
    {
        try
        {
            return Create(mail, options);
        }
        catch (Exception ex) when (ex is ArgumentException or ParseException)
        {
            throw new MailDeliveryException($"The message to '{mail.ToAddress}' cannot be built: {ex.Message}", permanent: true, ex);
        }
    }

    /// <summary>The msg-id without angle brackets (MimeKit adds them); rejects what is not <c>left@right</c>.</summary>
    internal static string BareMessageId(string messageId)
    {
        var id = messageId?.Trim() ?? "";
        if (id.Length >= 2 && id[0] == '<' && id[^1] == '>')
        {
            id = id[1..^1];
        }

        var at = id.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == id.Length - 1 || id.LastIndexOf('@') != at || id.Any(c => c <= ' ' || c >= 127 || c is '<' or '>' or '(' or ')' or ',' or ';' or ':' or '\\' or '"' or '[' or ']'))
        {
            throw new ArgumentException($"Not a Message-Id: '{messageId}'.", nameof(messageId));
        }

        return id;
    }

    /// <summary>Text in MIME's canonical form: CRLF line ends, whatever the template used.</summary>
    private static string CanonicalLines(string? text) =>
        (text ?? "").ReplaceLineEndings("\r\n");

    private static string SingleLine(string? text) =>
        string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
