using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Notifications.Mail;

/// <summary>Sends through an SMTP server (MailKit), one connection per session.</summary>
internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    private readonly MailOptions options = options.Value;

    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var session = new Session(options);
        try
        {
            await session.ConnectAsync(cancellationToken);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        return session;
    }

    /// <summary>For the admin page: "SMTP smtp.city.lg.jp:587 (StartTls)".</summary>
    public string Describe() => Describe(options.Smtp);

    internal static string Describe(SmtpOptions smtp) =>
        $"SMTP {smtp.Host}:{smtp.Port} ({smtp.Security})" + (string.IsNullOrEmpty(smtp.UserName) ? "" : $" as {smtp.UserName}");

    internal static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>
    /// Permanent: the server refused the recipient or the sender with a 5xx reply. Everything else (4xx,
    /// other 5xx such as a refused DATA, protocol errors, broken connections, timeouts, TLS or login problems)
    /// may pass on a later attempt.
    /// </summary>
    internal static bool IsPermanent(Exception exception) =>
        exception is SmtpCommandException
        {
            ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted,
        } command
        && (int)command.StatusCode >= 500;

    private sealed class Session(MailOptions options) : IMailSession
    {
        private SmtpClient? client;
        private bool disposed;

        public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var message = MailMessageFactory.CreateForDelivery(mail, options);

            if (client is not { IsConnected: true })
            {
                await ConnectAsync(cancellationToken);
            }

            try
            {
                await client!.SendAsync(message, cancellationToken);
            }
            catch (Exception ex)
            {
                // After a refused command MailKit keeps the connection in a usable state (it resets the
                // transaction); after anything else the connection is suspect: drop it, the next message reconnects.
                if (ex is not SmtpCommandException || !client!.IsConnected)
                {
                    await DropAsync();
                }

                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                var permanent = IsPermanent(ex);
                throw new MailDeliveryException(
                    $"SMTP {options.Smtp.Host}:{options.Smtp.Port} did not take the message to {mail.ToAddress}: {Reason(ex)}",
                    permanent,
                    ex);
            }
        }

        internal async Task ConnectAsync(CancellationToken cancellationToken)
        {
            await DropAsync();
            var smtp = options.Smtp;
            var connection = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
            client = connection;

            // MailKit's Timeout covers each read and write; the connect and login get the same limit overall.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(smtp.Timeout);
            try
            {
                await connection.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), limit.Token);
                if (!string.IsNullOrEmpty(smtp.UserName))
                {
                    await connection.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", limit.Token);
                }
            }
            catch (Exception ex)
            {
                await DropAsync();
                if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                var reason = ex is OperationCanceledException ? $"no answer within {smtp.Timeout.TotalSeconds:0} s" : Reason(ex);
                throw new MailDeliveryException($"Cannot connect to SMTP {smtp.Host}:{smtp.Port}: {reason}", permanent: false, ex);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            if (client is { IsConnected: true } connected)
            {
                try
                {
                    using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await connected.DisconnectAsync(quit: true, limit.Token);
                }
                catch (Exception)
                {
                    // The messages are sent; a lost QUIT is no failure.
                }
            }

            client?.Dispose();
            client = null;
        }

        private async Task DropAsync()
        {
            if (client is null)
            {
                return;
            }

            var old = client;
            client = null;
            try
            {
                if (old.IsConnected)
                {
                    await old.DisconnectAsync(quit: false);
                }
            }
            catch (Exception)
            {
                // Closing a broken socket may fail too; it is discarded either way.
            }
            finally
            {
                old.Dispose();
            }
        }

        private static string Reason(Exception ex) => ex switch
        {
            SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}",
            OperationCanceledException => "timed out",
            _ => ex.Message,
        };
    }
}
