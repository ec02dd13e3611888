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

internal sealed record DrainResult(int Sent, int Deferred, int Retrying, int Failed, int NoAddress, int Obsolete = 0)
{
    public override string ToString() => $"{Sent} sent, {Deferred} held for working hours, {Retrying} to retry, {Failed} failed, {NoAddress} without an address, {Obsolete} no longer needed";

    public DrainResult Plus(DrainResult other) => new(Sent + other.Sent, Deferred + other.Deferred, Retrying + other.Retrying, Failed + other.Failed, NoAddress + other.NoAddress, Obsolete + other.Obsolete);
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
    /// <summary>Tries of a message the server answered with a temporary error (about 30 hours with the backoff). An unreachable server does not use them up.</summary>
    public const int MaxAttempts = 12;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    /// <summary>A run stops taking new batches after this long; the next run (a minute later) goes on. Keeps job workers free.</summary>
    public static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(45);
    private static readonly string[] CourseKinds = [NotificationKinds.DueSoon, NotificationKinds.Overdue, NotificationKinds.Inactive];
    private static readonly string[] SeatKinds = [NotificationKinds.SessionTomorrow, NotificationKinds.WaitlistSeat];

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
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (result, claimed) = await DrainBatchAsync(cancellationToken);
            total = total.Plus(result);
            if (claimed < BatchSize || result.Sent + result.Obsolete + result.Failed + result.NoAddress == 0 || watch.Elapsed > RunBudget)
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
            .OrderBy(n => n.Kind == NotificationKinds.Test ? 0 : 1).ThenBy(n => n.MailNextAttemptAt).Select(n => n.Id).Take(BatchSize).ToListAsync(cancellationToken);
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
        var baseUrl = site.PublicRoot;
        var staffIds = rows.Where(r => r.StaffId != Guid.Empty).Select(r => r.StaffId).Distinct().ToList();
        var contacts = staffIds.Count == 0 ? [] : (await mediator.Send(new GetStaffContacts(staffIds), cancellationToken)).ToDictionary(c => c.StaffId);
        var chosen = await preferences.GetManyAsync(staffIds, cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, site.TimeZone).DateTime);
        var (openCourses, seats) = await StillWantedAsync(rows, now, cancellationToken);
        int sent = 0, deferred = 0, retrying = 0, failed = 0, noAddress = 0, obsolete = 0;

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

                // Decided a while ago (quiet hours, an outage): a course completed since, or a seat given up or a
                // session cancelled since, needs no mail any more. The inbox entry stays as it was.
                if (NoLongerNeeded(row, openCourses, seats, today))
                {
                    Finish(row, MailStatus.Obsolete, null);
                    obsolete++;
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
                        row.MailNextAttemptAt = SiteTime.ToUtc(next, site.TimeZone);
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
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Anything else about this one message: count a try and move on, so it cannot hold up the others.
                    logger.LogError(e, "Mail {Id} could not be composed", row.Id);
                    Retry(row, now, e.Message);
                    retrying++;
                    await db.SaveChangesAsync(cancellationToken);
                    continue;
                }

                // Hold the row again right before sending: if a slow batch outlived its lease and another drain took
                // the row meanwhile, this one leaves it (no mail goes twice); otherwise the lease is extended.
                var holdUntil = Clock.Milliseconds(clock.GetUtcNow()) + Lease;
                if (await db.Notifications.Where(n => n.Id == row.Id && n.MailLeaseId == lease && n.MailStatus == MailStatus.Pending)
                        .ExecuteUpdateAsync(u => u.SetProperty(n => n.MailLeaseUntil, holdUntil), cancellationToken) == 0)
                {
                    db.Entry(row).State = EntityState.Detached;
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
                    NotificationsMetrics.Mailed(row.Kind);
                }
                catch (MailDeliveryException e) when (ReferenceEquals(e, unreachable))
                {
                    // The server could not be reached: not this message's fault. Try again in a minute without
                    // using up its tries, however long the outage lasts.
                    row.MailError = Trim(e.Message);
                    row.MailNextAttemptAt = now + TimeSpan.FromMinutes(1);
                    Release(row);
                    retrying++;
                }
                catch (MailDeliveryException e)
                {
                    if (e.Permanent || row.MailAttempts + 1 >= MaxAttempts)
                    {
                        row.MailAttempts++;
                        Finish(row, MailStatus.Failed, e.Message);
                        failed++;
                    }
                    else
                    {
                        Retry(row, now, e.Message);
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

        return (new(sent, deferred, retrying, failed, noAddress, obsolete), rows.Count);
    }

    /// <summary>Which (person, course) enrolments are still open, and which (person, session) seats still stand, for the batch.</summary>
    private async Task<(HashSet<(Guid, Guid)> OpenCourses, HashSet<(Guid, Guid)> Seats)> StillWantedAsync(List<Notification> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = new HashSet<(Guid, Guid)>();
        var seats = new HashSet<(Guid, Guid)>();
        var learners = rows.Where(r => CourseKinds.Contains(r.Kind)).Select(r => r.StaffId).Distinct().ToList();
        if (learners.Count > 0)
        {
            var records = await mediator.Send(new Lms.Contracts.Learning.GetLearningRecords(learners, IncludeCompletions: false), cancellationToken);
            open.UnionWith(records.Enrolments.Where(e => e.CompletedAt is null).Select(e => (e.StaffId, e.CourseId)));
        }

        var seated = rows.Where(r => SeatKinds.Contains(r.Kind)).Select(r => r.StaffId).Distinct().ToList();
        if (seated.Count > 0)
        {
            var sessions = await mediator.Send(new Lms.Contracts.Workshops.GetSessionsStarting(now, now.AddYears(1), seated), cancellationToken);
            seats.UnionWith(sessions.SelectMany(s => s.SeatedStaffIds.Select(staff => (staff, s.SessionId))));
        }

        return (open, seats);
    }

    private static bool NoLongerNeeded(Notification row, HashSet<(Guid, Guid)> openCourses, HashSet<(Guid, Guid)> seats, DateOnly today) =>
        (CourseKinds.Contains(row.Kind) && (row.CourseId is not { } course || !openCourses.Contains((row.StaffId, course))))
        || (SeatKinds.Contains(row.Kind) && (row.SessionId is not { } session || !seats.Contains((row.StaffId, session))))
        || (row.Kind == NotificationKinds.DueSoon && MessageData.FromJson(row.DataJson).DueDate is { } due && due < today);

    private static void Retry(Notification row, DateTimeOffset now, string error)
    {
        row.MailAttempts++;
        row.MailError = Trim(error);
        row.MailNextAttemptAt = now + Backoff(row.MailAttempts);
        Release(row);
    }

    private async Task<OutgoingMail> ComposeAsync(Notification row, StaffContact? contact, string address, string culture, SiteSettings site, string baseUrl, CancellationToken cancellationToken)
    {
        var messageId = $"<{row.Id:N}@lms.notifications>";
        if (row.Kind == NotificationKinds.Test)
        {
            var data = MessageData.FromJson(row.DataJson);
            // Sent to an address typed by an administrator, whose language is unknown: both languages.
            var subject = $"【テスト送信】{site.SiteName} / Test message";
            var body = $"{site.SiteName}（{site.OrganizationName}）の管理画面から、{data.RequestedBy} さんがテスト送信したメールです。\n" +
                "このメールが届いていれば、メールの送信設定は正しく動いています。\n\n" +
                $"This is a test message sent from the administration page of {site.SiteName} ({site.OrganizationName}) by {data.RequestedBy}.\n" +
                "If you can read this, e-mail delivery works.\n";
            return new OutgoingMail(messageId, address, contact?.Name ?? "", subject, body) { Category = row.Kind };
        }

        var key = NotificationKinds.TemplateKey(row.Kind) ?? throw new TemplateNotFoundException(row.Kind);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), site.TimeZone).DateTime);
        var model = MessageComposer.MailModel(row, contact, site, baseUrl, links.Url(baseUrl, row.StaffId), culture, today);
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
