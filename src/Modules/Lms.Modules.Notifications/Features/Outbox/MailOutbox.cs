using Lms.Contracts.Organization;
using Lms.Contracts.Templates;
using Lms.Framework.Jobs;
using Lms.Framework.Settings;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Mail;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Notifications.Features.Outbox;

internal sealed record DrainResult(int Sent, int Deferred, int Retrying, int Failed, int NoAddress)
{
    public override string ToString() => $"{Sent} sent, {Deferred} held for working hours, {Retrying} to retry, {Failed} failed, {NoAddress} without an address";
}

/// <summary>
/// Drains the e-mail outbox: the messages whose mail is pending and due. Each drain first claims its rows
/// with a lease (an atomic update), so two drains never send the same mail; a sent mail is recorded at once,
/// a failed one is retried with a growing delay, and a mail server outage only delays mail.
/// </summary>
internal sealed class MailOutbox(
    NotificationsDbContext db,
    IMediator mediator,
    IMailTransport transport,
    ISiteSettingsService settings,
    PreferenceStore preferences,
    PreferenceLinks links,
    TimeProvider clock,
    ILogger<MailOutbox> logger)
{
    public const int BatchSize = 200;
    public const int MaxAttempts = 8;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Delay before the next try after <paramref name="attempts"/> failures: 1, 5, 15, 30 minutes, then 1, 2, 4 hours.</summary>
    public static TimeSpan Backoff(int attempts) => attempts switch
    {
        <= 1 => TimeSpan.FromMinutes(1),
        2 => TimeSpan.FromMinutes(5),
        3 => TimeSpan.FromMinutes(15),
        4 => TimeSpan.FromMinutes(30),
        5 => TimeSpan.FromHours(1),
        6 => TimeSpan.FromHours(2),
        _ => TimeSpan.FromHours(4),
    };

    public async Task<DrainResult> DrainAsync(CancellationToken cancellationToken)
    {
        var total = new DrainResult(0, 0, 0, 0, 0);
        while (true)
        {
            var (result, claimed) = await DrainBatchAsync(cancellationToken);
            total = new(total.Sent + result.Sent, total.Deferred + result.Deferred, total.Retrying + result.Retrying, total.Failed + result.Failed, total.NoAddress + result.NoAddress);
            if (claimed < BatchSize || result.Sent == 0)
            {
                return total;
            }
        }
    }

    private async Task<(DrainResult Result, int Claimed)> DrainBatchAsync(CancellationToken cancellationToken)
    {
        var now = Clock.Milliseconds(clock.GetUtcNow());
        var lease = Guid.NewGuid();
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.MailStatus == MailStatus.Pending && n.MailNextAttemptAt <= now && (n.MailLeaseUntil == null || n.MailLeaseUntil < now))
            .OrderBy(n => n.MailNextAttemptAt).Select(n => n.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (new(0, 0, 0, 0, 0), 0);
        }

        var leaseUntil = now + Lease;
        await db.Notifications
            .Where(n => due.Contains(n.Id) && n.MailStatus == MailStatus.Pending && (n.MailLeaseUntil == null || n.MailLeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.MailLeaseId, lease).SetProperty(n => n.MailLeaseUntil, leaseUntil), cancellationToken);
        var rows = await db.Notifications.Where(n => n.MailLeaseId == lease && n.MailLeaseUntil == leaseUntil).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return (new(0, 0, 0, 0, 0), 0);
        }

        var site = await settings.GetAsync(cancellationToken);
        var baseUrl = (site.BaseUrl is { Length: > 0 } configured ? configured : "http://localhost:5000").TrimEnd('/');
        var staffIds = rows.Where(r => r.StaffId != Guid.Empty).Select(r => r.StaffId).Distinct().ToList();
        var contacts = staffIds.Count == 0 ? [] : (await mediator.Send(new GetStaffContacts(staffIds), cancellationToken)).ToDictionary(c => c.StaffId);
        var chosen = await preferences.GetManyAsync(staffIds, cancellationToken);
        int sent = 0, deferred = 0, retrying = 0, failed = 0, noAddress = 0;

        IMailSession? session = null;
        MailDeliveryException? unreachable = null;
        try
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var contact = contacts.GetValueOrDefault(row.StaffId);
                var prefs = chosen.GetValueOrDefault(row.StaffId) ?? Preferences.Default;
                var address = row.MailTo ?? contact?.Email;
                if (row.MailTo is null && (contact is null || !contact.IsActive))
                {
                    Finish(row, MailStatus.Failed, "The person is no longer active.");
                    failed++;
                    continue;
                }

                if (row.Kind != NotificationKinds.Test && !prefs.WantsMail(row.Kind))
                {
                    // E-mail was switched off for this kind after the message was decided: the inbox has it.
                    Finish(row, MailStatus.NotWanted, null);
                    continue;
                }

                if (string.IsNullOrWhiteSpace(address))
                {
                    Finish(row, MailStatus.NoAddress, null);
                    noAddress++;
                    continue;
                }

                if (row.Kind != NotificationKinds.Test)
                {
                    var local = TimeZoneInfo.ConvertTime(now, site.TimeZone).DateTime;
                    var hours = prefs.Hours;
                    if (!hours.Allows(local))
                    {
                        var next = hours.NextAllowed(local);
                        row.MailNextAttemptAt = new DateTimeOffset(next, site.TimeZone.GetUtcOffset(next)).ToUniversalTime();
                        Release(row);
                        deferred++;
                        continue;
                    }
                }

                OutgoingMail mail;
                try
                {
                    mail = await ComposeAsync(row, contact, address, prefs.Culture, site, baseUrl, cancellationToken);
                }
                catch (Exception e) when (e is TemplateNotFoundException or TemplateRenderException)
                {
                    Finish(row, MailStatus.Failed, "Template: " + e.Message);
                    failed++;
                    continue;
                }

                try
                {
                    if (unreachable is not null)
                    {
                        throw unreachable; // the server could not be reached for this batch: do not wait for it again per mail
                    }

                    if (session is null)
                    {
                        try
                        {
                            session = await transport.OpenAsync(cancellationToken);
                        }
                        catch (MailDeliveryException e)
                        {
                            unreachable = e;
                            throw;
                        }
                    }

                    await session.SendAsync(mail, cancellationToken);
                    row.MailAttempts++;
                    row.MailSentAt = Clock.Milliseconds(clock.GetUtcNow());
                    Finish(row, MailStatus.Sent, null);
                    sent++;
                }
                catch (MailDeliveryException e)
                {
                    row.MailAttempts++;
                    if (e.Permanent || row.MailAttempts >= MaxAttempts)
                    {
                        Finish(row, MailStatus.Failed, e.Message);
                        failed++;
                    }
                    else
                    {
                        row.MailError = Trim(e.Message);
                        row.MailNextAttemptAt = now + Backoff(row.MailAttempts);
                        Release(row);
                        retrying++;
                    }

                    logger.LogWarning(e, "Mail {Id} to {Address} failed (attempt {Attempt})", row.Id, address, row.MailAttempts);
                }

                // Record each outcome at once: a crash after a send must not send it again.
                await db.SaveChangesAsync(cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return (new(sent, deferred, retrying, failed, noAddress), rows.Count);
    }

    private async Task<OutgoingMail> ComposeAsync(Notification row, StaffContact? contact, string address, string culture, SiteSettings site, string baseUrl, CancellationToken cancellationToken)
    {
        var messageId = $"<{row.Id:N}@lms.notifications>";
        if (row.Kind == NotificationKinds.Test)
        {
            var data = MessageData.FromJson(row.DataJson);
            var subject = culture == "en" ? $"Test message from {site.SiteName}" : $"【テスト送信】{site.SiteName}";
            var body = culture == "en"
                ? $"This is a test message sent from the administration page of {site.SiteName} ({site.OrganizationName}) by {data.RequestedBy}.\nIf you can read this, e-mail delivery works.\n"
                : $"{site.SiteName}（{site.OrganizationName}）の管理画面から、{data.RequestedBy} さんがテスト送信したメールです。\nこのメールが届いていれば、メールの送信設定は正しく動いています。\n";
            return new OutgoingMail(messageId, address, contact?.Name ?? "", subject, body) { Category = row.Kind };
        }

        var key = NotificationKinds.TemplateKey(row.Kind) ?? throw new TemplateNotFoundException(row.Kind);
        var model = MessageComposer.MailModel(row, contact, site, baseUrl, links.Url(baseUrl, row.StaffId), culture);
        var rendered = await mediator.Send(new RenderTemplate(key, culture, model), cancellationToken);
        return new OutgoingMail(messageId, address, contact?.Name ?? "", rendered["subject"].Trim(), rendered["body"])
        {
            UnsubscribeUrl = links.OneClickUrl(baseUrl, row.StaffId, row.Kind),
            Category = row.Kind,
        };
    }

    private static void Finish(Notification row, MailStatus status, string? error)
    {
        row.MailStatus = status;
        row.MailError = error is null ? null : Trim(error);
        Release(row);
    }

    private static void Release(Notification row)
    {
        row.MailLeaseId = null;
        row.MailLeaseUntil = null;
    }

    private static string Trim(string text) => text.Length <= 1000 ? text : text[..1000];
}

internal sealed class MailOutboxJob(MailOutbox outbox) : IRecurringJob
{
    public const string Id = "mail-outbox";

    public async Task<string> RunAsync(CancellationToken cancellationToken) => (await outbox.DrainAsync(cancellationToken)).ToString();
}
