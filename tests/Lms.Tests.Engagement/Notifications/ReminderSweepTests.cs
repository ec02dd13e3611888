using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using System.Net.Http.Json;
using Lms.Tests.Workshops;
using static Lms.Tests.Notifications.NotificationsFixture;

namespace Lms.Tests.Notifications;

/// <summary>
/// The reminder sweep against the test course (due in 14 days for the general tier), with the clock moved by a
/// FakeTimeProvider: who is reminded of what, when, and never twice.
/// </summary>
public sealed class ReminderSweepTests(LmsAppFactory factory) : SiteTest(factory)
{
    private IReadOnlyList<Guid> learners = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GameFixture.SetUpAsync(Factory);
        learners = await WorkshopFixture.LearnersAsync(Factory);
        Assert.True(learners.Count >= 10, $"the demo city has {learners.Count} general-tier learners");
    }

    [Fact]
    public async Task Nothing_is_due_on_the_day_of_enrolment()
    {
        var result = await SweepAsync(Factory, ClockAtDay(0));

        Assert.Equal(0, result.Created);
        Assert.Empty(await MessagesAsync(Factory));
    }

    [Fact]
    public async Task Seven_days_before_the_due_date_every_open_learner_is_reminded_once_and_a_second_run_sends_nothing()
    {
        var first = await SweepAsync(Factory, ClockAtDay(7));
        var again = await SweepAsync(Factory, ClockAtDay(7, hour: 13));

        var messages = await MessagesAsync(Factory, kind: NotificationKinds.DueSoon);
        Assert.Equal(learners.Order(), messages.Select(m => m.StaffId).Order());
        Assert.All(messages, m => Assert.Contains("due-soon-7|", m.DedupKey, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Equal(MailStatus.Pending, m.MailStatus));
        Assert.Equal(learners.Count, first.Created);
        Assert.Equal((learners.Count, 0), (again.Decided, again.Created));

        var data = MessageData.FromJson(messages[0].DataJson);
        Assert.Equal(7, data.Days);
        Assert.Equal("/learn/courses/" + GameFixture.CourseId, messages[0].Link);
    }

    [Fact]
    public async Task The_day_before_brings_the_one_day_rule_and_not_the_seven_day_rule_again()
    {
        await SweepAsync(Factory, ClockAtDay(7));
        await SweepAsync(Factory, ClockAtDay(10));
        await SweepAsync(Factory, ClockAtDay(13));

        var person = learners[0];
        var keys = (await MessagesAsync(Factory, person)).Select(m => m.DedupKey.Split('|')[0]).ToList();
        Assert.Equal(["due-soon-7", "due-soon-1"], keys);
    }

    [Fact]
    public async Task Finished_and_deactivated_staff_are_not_reminded()
    {
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");
        await GameFixture.CompleteCourseAsync(client);
        var demoStaff = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var leaver = learners.First(id => id != demoStaff);
        await DeactivateAsync(Factory, leaver);

        await SweepAsync(Factory, ClockAtDay(7));

        var reminded = (await MessagesAsync(Factory)).Select(m => m.StaffId).ToHashSet();
        Assert.DoesNotContain(demoStaff, reminded);
        Assert.DoesNotContain(leaver, reminded);
        Assert.Equal(learners.Count - 2, reminded.Count);
    }

    [Fact]
    public async Task Overdue_reminders_repeat_every_seven_days_at_most_three_times()
    {
        var person = learners[0];
        foreach (var day in new[] { 15, 16, 21, 22, 29, 36, 43, 60 })
        {
            await SweepAsync(Factory, ClockAtDay(day));
        }

        var overdue = (await MessagesAsync(Factory, person, NotificationKinds.Overdue)).Select(m => (m.Occasion, MessageData.FromJson(m.DataJson).Days)).ToList();
        var due = DateOnly.FromDateTime(ClockAtDay(14).GetLocalNow().DateTime).ToString("yyyy-MM-dd");
        Assert.Equal([($"overdue {due} #1", 1), ($"overdue {due} #2", 8), ($"overdue {due} #3", 15)], overdue);
    }

    [Fact]
    public async Task A_learner_without_progress_is_nudged_once_per_quiet_spell_but_not_while_due_date_reminders_run()
    {
        await UpdateRuleAsync(Factory, "inactive-14", r => r.Days = 3);
        var person = learners[0];

        await SweepAsync(Factory, ClockAtDay(2));
        Assert.Empty(await MessagesAsync(Factory, person));

        await SweepAsync(Factory, ClockAtDay(3));
        await SweepAsync(Factory, ClockAtDay(5));
        var inactive = Assert.Single(await MessagesAsync(Factory, person, NotificationKinds.Inactive));
        Assert.Equal(3, MessageData.FromJson(inactive.DataJson).Days);

        // From 7 days before the due date the due-date reminders speak for the course.
        await SweepAsync(Factory, ClockAtDay(8));
        Assert.Single(await MessagesAsync(Factory, person, NotificationKinds.Inactive));
    }

    [Fact]
    public async Task A_switched_off_rule_sends_nothing()
    {
        await UpdateRuleAsync(Factory, "due-soon-7", r => r.Enabled = false);

        await SweepAsync(Factory, ClockAtDay(7));

        Assert.Empty(await MessagesAsync(Factory));
    }

    [Fact]
    public async Task Two_sweeps_at_once_store_each_reminder_once()
    {
        var clock = ClockAtDay(7);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => SweepAsync(Factory, clock))));

        Assert.Equal(learners.Count, results.Sum(r => r.Created));
        Assert.Equal(learners.Count, (await MessagesAsync(Factory)).Count);
    }

    [Fact]
    public async Task The_person_who_turned_due_date_mail_off_gets_the_inbox_entry_only()
    {
        var person = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var client = await AttendanceHelpers.ApiAsync(Factory, "demo-staff");
        var put = await client.PutAsJsonAsync("/api/v1/me/notification-preferences",
            new { culture = "ja", email = new Dictionary<string, bool> { ["due-soon"] = false }, quietHours = new { enabled = true, start = "08:30", end = "17:15" } });
        put.EnsureSuccessStatusCode();

        await SweepAsync(Factory, ClockAtDay(7));

        Assert.Equal(MailStatus.NotWanted, Assert.Single(await MessagesAsync(Factory, person)).MailStatus);
        Assert.All((await MessagesAsync(Factory)).Where(m => m.StaffId != person), m => Assert.Equal(MailStatus.Pending, m.MailStatus));
    }
}
