using System.Globalization;
using Lms.Contracts.Notifications;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Nudge;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static Lms.Tests.Notifications.NotificationsFixture;

namespace Lms.Tests.Notifications;

/// <summary>
/// A manager's nudge (お声がけ, <see cref="SendReminderNow"/>): one a day per person whoever asks, the day as Tokyo
/// has it, kept by the unique index of the messages table; nothing for someone who is not active.
/// </summary>
public sealed class NudgeTests(LmsAppFactory factory) : SiteTest(factory)
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly Guid CourseId = StableGuid.From($"course:{TestCourse.Key}");
    private Guid staff;
    private Guid manager;
    private Guid admin;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe()); // the general tier (demo-staff among them) is enrolled, due in 14 days
        await Factory.FlushDeferredWorkAsync();
        staff = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        manager = await WorkshopFixture.StaffIdAsync(Factory, "demo-manager");
        admin = await WorkshopFixture.StaffIdAsync(Factory, "demo-admin");
        if (Directory.Exists(PickupDirectory(Factory)))
        {
            Directory.Delete(PickupDirectory(Factory), recursive: true);
        }
    }

    private Task<ReminderNowResult> NudgeAsync(TimeProvider clock, Guid by, Guid? courseId = null, Guid? to = null) =>
        Factory.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<SendReminderNowHandler>(sp, clock)
            .Handle(new SendReminderNow(to ?? staff, courseId, by), CancellationToken.None));

    private Task<List<Notification>> NudgesAsync(Guid? to = null) => MessagesAsync(Factory, to ?? staff, NotificationKinds.Nudge);

    private static string LocalDate(TimeProvider clock) =>
        TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Tokyo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The inbox title and text as a Japanese user sees them.</summary>
    private Task<(string Title, string Text)> InJapaneseAsync(Notification row) =>
        Factory.WithScopeAsync(sp =>
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
            return Task.FromResult(sp.GetRequiredService<MessageComposer>().Inbox(row, Tokyo));
        });

    private Task<string> NameAsync(Guid id) =>
        Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<IMediator>().Send(new GetStaffNames([id]))).Single().Name);

    [Fact]
    public async Task The_first_nudge_of_the_day_is_sent_as_one_message_in_Japanese()
    {
        var clock = ClockAtDay(1, hour: 10);

        var result = await NudgeAsync(clock, manager, CourseId);

        Assert.Equal(new ReminderNowResult(ReminderNowOutcome.Sent, Clock.Milliseconds(clock.GetUtcNow())), result);
        var row = Assert.Single(await NudgesAsync());
        Assert.Equal($"nudge|{staff:N}|{LocalDate(clock)}", row.DedupKey);
        Assert.Equal(StableGuid.From("notification:" + row.DedupKey), row.Id);
        Assert.Equal((CourseId, $"/learn/courses/{CourseId}"), (row.CourseId!.Value, row.Link));
        Assert.Equal(MailStatus.Pending, row.MailStatus);

        var (title, text) = await InJapaneseAsync(row);
        Assert.Equal("受講のお声がけ", title);
        Assert.Contains(await NameAsync(manager) + "さん", text, StringComparison.Ordinal);
        Assert.Contains("「テスト一般職コース」", text, StringComparison.Ordinal);
        Assert.Contains("受講期限は", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_course_the_nudge_names_the_unfinished_courses_and_leads_home()
    {
        var result = await NudgeAsync(ClockAtDay(1), manager);

        Assert.Equal(ReminderNowOutcome.Sent, result.Outcome);
        var row = Assert.Single(await NudgesAsync());
        Assert.Equal((null, "/"), (row.CourseId, row.Link));
        var (title, text) = await InJapaneseAsync(row);
        Assert.Equal("受講のお声がけ", title);
        Assert.Contains("未修了のコース「テスト一般職コース」", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_nudge_the_same_day_by_anyone_sends_nothing_and_tells_when_the_first_went()
    {
        var clock = ClockAtDay(1, hour: 9);
        var first = await NudgeAsync(clock, manager, CourseId);

        clock.Advance(TimeSpan.FromHours(3));
        var again = await NudgeAsync(clock, manager, CourseId);
        var byAnother = await NudgeAsync(clock, admin);

        Assert.Equal(ReminderNowOutcome.Sent, first.Outcome);
        Assert.Equal(new ReminderNowResult(ReminderNowOutcome.AlreadySentToday, first.SentAt), again);
        Assert.Equal(new ReminderNowResult(ReminderNowOutcome.AlreadySentToday, first.SentAt), byAnother);
        Assert.Single(await NudgesAsync());
    }

    [Fact]
    public async Task The_next_day_a_nudge_is_sent_again()
    {
        var clock = ClockAtDay(1, hour: 9);
        await NudgeAsync(clock, manager, CourseId);
        var firstDay = LocalDate(clock);

        clock.Advance(TimeSpan.FromDays(1));
        var next = await NudgeAsync(clock, manager, CourseId);

        Assert.Equal(new ReminderNowResult(ReminderNowOutcome.Sent, Clock.Milliseconds(clock.GetUtcNow())), next);
        Assert.Equal([$"nudge|{staff:N}|{firstDay}", $"nudge|{staff:N}|{LocalDate(clock)}"], (await NudgesAsync()).Select(n => n.DedupKey));
    }

    [Fact]
    public async Task The_day_is_Tokyos_not_UTCs()
    {
        var lateEvening = ClockAtDay(1, hour: 23, minute: 30);
        var pastMidnight = ClockAtDay(2, hour: 0, minute: 30);
        Assert.Equal(lateEvening.GetUtcNow().UtcDateTime.Date, pastMidnight.GetUtcNow().UtcDateTime.Date); // one UTC day, two Tokyo days

        var evening = await NudgeAsync(lateEvening, manager);
        var night = await NudgeAsync(pastMidnight, admin);

        Assert.Equal((ReminderNowOutcome.Sent, ReminderNowOutcome.Sent), (evening.Outcome, night.Outcome));
        var rows = await NudgesAsync();
        Assert.Equal([$"nudge|{staff:N}|{LocalDate(lateEvening)}", $"nudge|{staff:N}|{LocalDate(pastMidnight)}"], rows.Select(r => r.DedupKey));
        // In the inbox at once; the e-mail waits for the working morning (quiet hours).
        Assert.All(rows, r => Assert.True(r.MailNextAttemptAt > r.CreatedAt));
    }

    [Fact]
    public async Task Someone_inactive_or_unknown_is_not_nudged()
    {
        await DeactivateAsync(Factory, staff);

        var (inactive, unknown) = await Factory.WithScopeAsync(async sp =>
        {
            var mediator = sp.GetRequiredService<IMediator>();
            return (await mediator.Send(new SendReminderNow(staff, CourseId, manager)), await mediator.Send(new SendReminderNow(Guid.NewGuid(), null, manager)));
        });

        Assert.Equal(new ReminderNowResult(ReminderNowOutcome.NotActive, null), inactive);
        Assert.Equal(new ReminderNowResult(ReminderNowOutcome.NotActive, null), unknown);
        Assert.Empty(await MessagesAsync(Factory, kind: NotificationKinds.Nudge));
    }

    [Fact]
    public async Task The_nudge_is_mailed_with_its_template()
    {
        var local = WorkingHours.Default.NextAllowed(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Tokyo).DateTime.Date.AddDays(1).AddHours(10));
        var clock = new FakeTimeProvider(new DateTimeOffset(local, Tokyo.GetUtcOffset(local)));
        await NudgeAsync(clock, manager, CourseId);

        var drained = await DrainAsync(Factory, clock);

        Assert.Equal(1, drained.Sent);
        var mail = MimeMessage.Load(Assert.Single(PickedUp(Factory)));
        Assert.Equal("【受講のお声がけ】「テスト一般職コース」の続きを受講しましょう", mail.Subject);
        Assert.Contains(await NameAsync(manager) + "さんから、", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("受講期限：", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/learn/courses/" + CourseId, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(MailStatus.Sent, Assert.Single(await NudgesAsync()).MailStatus);
    }
}
