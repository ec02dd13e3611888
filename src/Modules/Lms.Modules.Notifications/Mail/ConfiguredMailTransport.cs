using Lms.Framework.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Notifications.Mail;

/// <summary>
/// The site's <see cref="IMailTransport"/>: SMTP when <c>Lms:Mail:Smtp:Host</c> is set, otherwise the pickup folder.
/// Reads the options at each <see cref="OpenAsync"/>, so a configuration change applies from the next batch on.
/// </summary>
internal sealed class ConfiguredMailTransport(
    IOptionsMonitor<MailOptions> options,
    IOptions<DatabaseOptions> database,
    IHostEnvironment environment) : IMailTransport
{
    private readonly Lock gate = new();
    private Choice? current;

    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) => Current().Transport.OpenAsync(cancellationToken);

    /// <summary>For the admin page: "SMTP smtp.city.lg.jp:587 (StartTls)" or "pickup folder /path".</summary>
    public string Describe() => Current().Description;

    /// <summary>Whether messages go to an SMTP server (rather than the pickup folder).</summary>
    public bool UsesSmtp => Current().Transport is SmtpMailTransport;

    private Choice Current()
    {
        var value = options.CurrentValue;
        lock (gate)
        {
            if (current is null || !ReferenceEquals(current.Options, value))
            {
                if (value.Smtp.IsConfigured)
                {
                    var smtp = new SmtpMailTransport(Options.Create(value));
                    current = new Choice(value, smtp, smtp.Describe());
                }
                else
                {
                    var pickup = new PickupDirectoryMailTransport(Options.Create(value), database, environment);
                    current = new Choice(value, pickup, pickup.Describe());
                }
            }

            return current;
        }
    }

    private sealed record Choice(MailOptions Options, IMailTransport Transport, string Description);
}
