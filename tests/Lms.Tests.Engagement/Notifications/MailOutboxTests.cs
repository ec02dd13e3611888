using System.Net;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Mail;
using Lms.Modules.Templates.Data;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SmtpServer.Protocol;
using static Lms.Tests.Notifications.NotificationsFixture;

namespace Lms.Tests.Notifications;

/// <summary>The e-mail outbox: a real SMTP conversation, a server that fails and recovers, quiet hours, the pickup folder, languages.</summary>
public sealed class MailOutboxTests(LmsAppFactory factory) : SiteTest(factory)
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private IReadOnlyList<Guid> learners = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GameFixture.SetUpAsync(Factory);
        learners = await WorkshopFixture.LearnersAsync(Factory);
        if (Directory.Exists(PickupDirectory(Factory)))
        {
            Directory.Delete(PickupDirectory(Factory), recursive: true);
        }
    }

    /// <summary>The first moment within working hours from noon of day 7 (the due-soon reminders are decided then).</summary>
    private static FakeTimeProvider WorkingClock()
    {
        var local = WorkingHours.Default.NextAllowed(ClockAtDay(7).GetLocalNow().DateTime.Date.AddHours(12));
        return new FakeTimeProvider(new DateTimeOffset(local, Tokyo.GetUtcOffset(local)));
    }

    private static SmtpMailTransport Smtp(TestSmtpServer server) => new(Options.Create(new MailOptions
    {
        From = "lms@demo-city.lg.jp",
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None, TimeoutSeconds = 5 },
    }));

    [Fact]
    public async Task A_mail_server_that_fails_then_recovers_loses_nothing_and_sends_nothing_twice()
    {
        await using var server = await TestSmtpServer.StartOnFreePortAsync();
        var clock = WorkingClock();
        await SweepAsync(Factory, clock);
        var expected = (await MessagesAsync(Factory)).Count(m => m.MailStatus == MailStatus.Pending);
        Assert.True(expected >= 10);

        server.FailWith = new SmtpResponse((SmtpReplyCode)451, "local error in processing");
        var failing = await DrainAsync(Factory, clock, Smtp(server));
        Assert.Equal((0, expected), (failing.Sent, failing.Retrying));
        Assert.All(await MessagesAsync(Factory), m => Assert.Equal((MailStatus.Pending, 1), (m.MailStatus, m.MailAttempts)));
        Assert.Equal(0, (await DrainAsync(Factory, clock, Smtp(server))).Sent); // not due again before the backoff

        await server.StopAsync();
        clock.Advance(TimeSpan.FromMinutes(2));
        var down = await DrainAsync(Factory, clock, Smtp(server));
        Assert.Equal((0, expected), (down.Sent, down.Retrying));

        server.FailWith = null;
        await server.StartAsync();
        clock.Advance(TimeSpan.FromMinutes(6));
        var recovered = await DrainAsync(Factory, clock, Smtp(server));
        var again = await DrainAsync(Factory, clock.Also(TimeSpan.FromHours(1)), Smtp(server));

        Assert.Equal(expected, recovered.Sent);
        Assert.Equal(0, again.Sent);
        Assert.Equal(expected, server.Received.Count);
        Assert.Equal(expected, server.Received.Select(m => m.MessageId).Distinct().Count());
        // The 451 used a try, the unreachable server did not (an outage loses nothing, however long), the send is the second.
        Assert.All(await MessagesAsync(Factory), m => Assert.Equal((MailStatus.Sent, 2), (m.MailStatus, m.MailAttempts)));

        var mail = server.Received[0];
        Assert.Contains("受講期限", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("/learn/courses/" + GameFixture.CourseId, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/notifications/preferences/", mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<", mail.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_recipient_fails_at_once_and_an_admin_can_send_it_again()
    {
        await using var server = await TestSmtpServer.StartOnFreePortAsync();
        var clock = WorkingClock();
        await SweepAsync(Factory, clock);
        var person = learners[0];
        var address = (await Factory.WithScopeAsync(sp => sp.GetRequiredService<Lms.Modules.Organization.Data.OrganizationDbContext>().Staff.SingleAsync(s => s.Id == person))).Email!;
        server.RejectRecipient = to => string.Equals(to, address, StringComparison.OrdinalIgnoreCase);

        var result = await DrainAsync(Factory, clock, Smtp(server));

        var failed = Assert.Single(await MessagesAsync(Factory, person));
        Assert.Equal((MailStatus.Failed, 1), (failed.MailStatus, failed.MailAttempts));
        Assert.Equal(1, result.Failed);
        Assert.Equal(result.Sent, server.Received.Count);

        // The admin's "send again" after the address was corrected.
        server.RejectRecipient = null;
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = await admin.GetStringAsync("/admin/notifications?status=failed");
        Assert.Contains(failed.Id.ToString(), page, StringComparison.Ordinal);
        var retry = await SiteClient.PostFormAsync(admin, $"/admin/notifications?handler=Retry&id={failed.Id}", [], "/admin/notifications?status=failed");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var row = Assert.Single(await MessagesAsync(Factory, person));
        Assert.True(row.MailStatus is MailStatus.Pending or MailStatus.Sent, row.MailStatus.ToString()); // sent again by the enqueued drain, or about to be
        Assert.Null(row.MailError);
    }

    [Fact]
    public async Task Outside_working_hours_mail_waits_for_the_next_working_morning_and_the_inbox_does_not()
    {
        await SweepAsync(Factory, ClockAtDay(7));
        var evening = WorkingClock();
        var local = evening.GetLocalNow().DateTime.Date.AddHours(20); // 20:00 on a working day
        evening = new FakeTimeProvider(new DateTimeOffset(local, TimeSpan.FromHours(9)));

        var held = await DrainAsync(Factory, evening);

        Assert.Equal(0, held.Sent);
        Assert.True(held.Deferred >= 10);
        Assert.Empty(PickedUp(Factory));
        var morning = WorkingHours.Default.NextAllowed(local);
        Assert.Equal(new TimeOnly(8, 30), TimeOnly.FromDateTime(morning));
        Assert.All((await MessagesAsync(Factory)).Where(m => m.MailStatus == MailStatus.Pending),
            m => Assert.Equal(new DateTimeOffset(morning, TimeSpan.FromHours(9)), m.MailNextAttemptAt));

        var atNine = new FakeTimeProvider(new DateTimeOffset(morning.AddMinutes(30), TimeSpan.FromHours(9)));
        var sent = await DrainAsync(Factory, atNine);
        Assert.Equal(held.Deferred, sent.Sent);
        Assert.Equal(sent.Sent, PickedUp(Factory).Length);
    }

    [Fact]
    public async Task Someone_who_wants_mail_at_any_hour_gets_it_in_the_evening()
    {
        var person = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<PreferenceStore>().SaveAsync(person, Preferences.Default with { QuietHours = false }, CancellationToken.None));
        await SweepAsync(Factory, ClockAtDay(7));
        var local = WorkingClock().GetLocalNow().DateTime.Date.AddHours(21);

        var result = await DrainAsync(Factory, new FakeTimeProvider(new DateTimeOffset(local, TimeSpan.FromHours(9))));

        Assert.Equal(1, result.Sent);
        Assert.Equal(MailStatus.Sent, Assert.Single(await MessagesAsync(Factory, person)).MailStatus);
    }

    [Fact]
    public async Task Without_an_smtp_server_mail_lands_in_the_pickup_folder_in_the_recipients_language()
    {
        var english = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<PreferenceStore>().SaveAsync(english, Preferences.Default with { Culture = "en" }, CancellationToken.None));
        var clock = WorkingClock();
        await SweepAsync(Factory, clock);

        var result = await DrainAsync(Factory, clock);

        var files = PickedUp(Factory);
        Assert.Equal(result.Sent, files.Length);
        var mails = files.Select(f => MimeMessage.Load(f)).ToList();
        var mine = Assert.Single(mails, m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal));
        Assert.Contains("is due on", mine.Subject, StringComparison.Ordinal);
        Assert.All(mails.Where(m => m != mine), m => Assert.StartsWith("【受講期限のお知らせ】", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_regional_English_falls_back_to_the_English_template()
    {
        var person = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NotificationsDbContext>();
            db.Preferences.Add(new NotificationPreference { StaffId = person, Culture = "en-GB" });
            await db.SaveChangesAsync();
        });
        var clock = WorkingClock();
        await SweepAsync(Factory, clock);

        await DrainAsync(Factory, clock);

        var english = PickedUp(Factory).Select(f => MimeMessage.Load(f)).Where(m => (m.Subject ?? "").StartsWith("Reminder:", StringComparison.Ordinal)).ToList();
        Assert.Single(english);
        Assert.StartsWith("Dear ", english[0].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_course_completed_while_its_reminder_waited_for_working_hours_is_not_mailed()
    {
        var person = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await SweepAsync(Factory, ClockAtDay(7));
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");
        await GameFixture.CompleteCourseAsync(client);

        var result = await DrainAsync(Factory, WorkingClock().Also(TimeSpan.FromHours(1)));

        var mine = Assert.Single(await MessagesAsync(Factory, person));
        Assert.Equal(MailStatus.Obsolete, mine.MailStatus);
        Assert.Equal(1, result.Obsolete);
        Assert.Equal(result.Sent, PickedUp(Factory).Length);
    }

    [Fact]
    public async Task Without_an_English_variant_of_the_template_the_Japanese_one_is_used()
    {
        var english = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<PreferenceStore>().SaveAsync(english, Preferences.Default with { Culture = "en" }, CancellationToken.None));
        await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TemplatesDbContext>();
            await db.Templates.Where(t => t.Key == "mail/due-soon" && t.Culture == "en").ExecuteDeleteAsync();
        });
        if (Factory.Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>() is Microsoft.Extensions.Caching.Memory.MemoryCache cache)
        {
            cache.Clear();
        }
        var clock = WorkingClock();
        await SweepAsync(Factory, clock);

        var result = await DrainAsync(Factory, clock);

        Assert.Equal(0, result.Failed);
        Assert.All(PickedUp(Factory).Select(f => MimeMessage.Load(f)), m => Assert.StartsWith("【受講期限のお知らせ】", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_without_an_e_mail_address_still_has_the_inbox_entry()
    {
        var person = learners[0];
        await SetEmailAsync(Factory, person, null);
        var clock = WorkingClock();
        await SweepAsync(Factory, clock);

        var result = await DrainAsync(Factory, clock);

        Assert.Equal(1, result.NoAddress);
        Assert.Equal(MailStatus.NoAddress, Assert.Single(await MessagesAsync(Factory, person)).MailStatus);
    }
}

internal static class FakeClockExtensions
{
    public static FakeTimeProvider Also(this FakeTimeProvider clock, TimeSpan later) => new(clock.GetUtcNow() + later);
}
