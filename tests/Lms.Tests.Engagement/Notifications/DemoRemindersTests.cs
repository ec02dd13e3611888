using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static Lms.Tests.Notifications.NotificationsFixture;

namespace Lms.Tests.Notifications;

/// <summary>
/// The "done when", on the demo city: the sweep puts the right reminders in the right inboxes and the
/// pickup folder once, a second run sends nothing new, demo-manager gets one digest naming the overdue members,
/// and a person who turned e-mail off gets inbox entries only.
/// </summary>
public sealed class DemoRemindersTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task The_demo_city_gets_its_reminders_and_digest_once()
    {
        await Factory.InstallDemoCityAsync();
        var pickup = PickupDirectory(Factory);
        if (Directory.Exists(pickup))
        {
            Directory.Delete(pickup, recursive: true);
        }

        var quiet = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<PreferenceStore>().SaveAsync(quiet,
            Preferences.Default with { MailOff = NotificationKinds.Choosable.ToHashSet() }, CancellationToken.None));
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var local = WorkingHours.Default.NextAllowed(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).DateTime);
        var clock = new FakeTimeProvider(new DateTimeOffset(local, tokyo.GetUtcOffset(local)));

        var first = await SweepAsync(Factory, clock);
        var second = await SweepAsync(Factory, clock);

        Assert.True(first.Created > 100, first.ToString());
        Assert.Equal((first.Decided, 0), (second.Decided, second.Created));
        var messages = await MessagesAsync(Factory);
        Assert.Equal(first.Created, messages.Count);
        Assert.Contains(messages, m => m.Kind == NotificationKinds.Overdue); // step0-core was due 10 days ago
        Assert.Contains(messages, m => m.Kind == NotificationKinds.DueSoon); // step0-general is due in 5 days

        // The right people: only open enrolments of active staff, one reminder per course and occasion.
        var records = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetLearningRecords()));
        var open = records.Enrolments.Where(e => e.CompletedAt is null).Select(e => (e.StaffId, e.CourseId)).ToHashSet();
        Assert.All(messages, m => Assert.Contains((m.StaffId, m.CourseId!.Value), open));
        Assert.Equal(messages.Count, messages.Select(m => (m.StaffId, m.CourseId, m.Kind)).Distinct().Count());
        Assert.All(messages.Where(m => m.StaffId == quiet), m => Assert.Equal(MailStatus.NotWanted, m.MailStatus));
        Assert.All(messages.Where(m => m.StaffId != quiet), m => Assert.Equal(MailStatus.Pending, m.MailStatus));

        // demo-manager: one digest, naming exactly the team members more than 7 days overdue.
        var manager = await WorkshopFixture.StaffIdAsync(Factory, "demo-manager");
        var team = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetTeamMembers(manager)));
        await DigestAsync(Factory, clock);
        await DigestAsync(Factory, clock);
        var digest = MessageData.FromJson(Assert.Single(await MessagesAsync(Factory, manager, NotificationKinds.ManagerDigest)).DataJson).Digest!;
        var today = DateOnly.FromDateTime(local);
        var expected = records.Enrolments.Where(e => team.Contains(e.StaffId) && e.CompletedAt is null && e.DueDate is { } due && today.DayNumber - due.DayNumber > 7)
            .Select(e => e.StaffId).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, digest.Items.Select(i => i.StaffId).Order());

        // The outbox: every pending mail once into the pickup folder; again, nothing more.
        var pending = (await MessagesAsync(Factory)).Count(m => m.MailStatus == MailStatus.Pending);
        var drained = await DrainAsync(Factory, clock);
        var again = await DrainAsync(Factory, clock);
        var files = PickedUp(Factory);
        Assert.Equal(pending, drained.Sent + drained.NoAddress + drained.Failed);
        Assert.Equal(0, again.Sent);
        Assert.Equal(drained.Sent, files.Length);
        var managerMail = await Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<IMediator>().Send(new GetStaffContacts([manager])))[0].Email);
        var digestMail = files.Select(f => MimeMessage.Load(f)).Single(m => (m.Subject ?? "").StartsWith("【受講状況】", StringComparison.Ordinal)
            && m.To.Mailboxes.Any(t => t.Address == managerMail));
        Assert.Contains("受講期限を過ぎている方", digestMail.TextBody, StringComparison.Ordinal);
        Assert.All(digest.Items, i => Assert.Contains(i.Name, digestMail.TextBody, StringComparison.Ordinal));
    }
}
