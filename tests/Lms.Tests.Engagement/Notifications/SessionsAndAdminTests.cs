using System.Net;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using static Lms.Tests.Notifications.NotificationsFixture;

namespace Lms.Tests.Notifications;

/// <summary>Workshop reminders (tomorrow, cancelled) and the admin pages: rules, test mail, who may see them.</summary>
public sealed class SessionsAndAdminTests(LmsAppFactory factory) : SiteTest(factory)
{
    private IReadOnlyList<Guid> learners = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GameFixture.SetUpAsync(Factory);
        learners = await WorkshopFixture.LearnersAsync(Factory);
    }

    [Fact]
    public async Task The_day_before_a_session_those_with_a_seat_are_reminded_once_and_the_waiting_list_is_not()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(3), capacity: 2);
        foreach (var person in learners.Take(3))
        {
            await WorkshopFixture.RegisterAsync(Factory, session, person); // the third waits
        }

        var startsLocal = await Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<Lms.Modules.Workshops.Data.WorkshopsDbContext>().Sessions.SingleAsync(s => s.Id == session)).StartsAt);
        var startDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsLocal, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).Date);
        var dayBefore = startDate.AddDays(-1);
        while (!WorkingHours.Default.IsWorkingDay(dayBefore))
        {
            dayBefore = dayBefore.AddDays(-1); // the working day before: Friday for a Monday session
        }

        // Two days earlier nothing is decided yet.
        await SweepAsync(Factory, new FakeTimeProvider(new DateTimeOffset(dayBefore.AddDays(-2).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9))));
        Assert.Empty(await MessagesAsync(Factory, kind: NotificationKinds.SessionTomorrow));
        var clock = new FakeTimeProvider(new DateTimeOffset(dayBefore.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9)));

        await SweepAsync(Factory, clock);
        await SweepAsync(Factory, clock.Also(TimeSpan.FromHours(3)));

        var reminded = await MessagesAsync(Factory, kind: NotificationKinds.SessionTomorrow);
        Assert.Equal(learners.Take(2).Order(), reminded.Select(m => m.StaffId).Order());
        Assert.All(reminded, m => Assert.Equal((session, $"/workshops/sessions/{session}"), (m.SessionId!.Value, m.Link)));
        Assert.Equal("本庁舎 5階 大会議室", MessageData.FromJson(reminded[0].DataJson).Place);
    }

    [Fact]
    public async Task A_cancelled_session_tells_its_registrants_and_its_waiting_list_at_once()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(5), capacity: 1);
        await WorkshopFixture.RegisterAsync(Factory, session, learners[0]);
        await WorkshopFixture.RegisterAsync(Factory, session, learners[1]);

        await Factory.WithScopeAsync(sp => sp.GetRequiredService<SessionEditor>().CancelAsync(session, null, CancellationToken.None));
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<SessionEditor>().CancelAsync(session, null, CancellationToken.None));

        var told = await MessagesAsync(Factory, kind: NotificationKinds.SessionCancelled);
        Assert.Equal(learners.Take(2).Order(), told.Select(m => m.StaffId).Order());
        Assert.All(told, m => Assert.StartsWith("/workshops/", m.Link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admin_sends_a_test_mail_to_any_address()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var refused = await SiteClient.PostFormAsync(admin, "/admin/notifications?handler=Test", new() { ["TestAddress"] = "not an address" }, "/admin/notifications");
        Assert.Contains("メールアドレスを入力してください", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await MessagesAsync(Factory, kind: NotificationKinds.Test));

        var sent = await SiteClient.PostFormAsync(admin, "/admin/notifications?handler=Test", new() { ["TestAddress"] = "jinji@city.example.lg.jp" }, "/admin/notifications");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        // The page enqueues the outbox job; it runs on the job server within moments.
        var test = Assert.Single(await MessagesAsync(Factory, kind: NotificationKinds.Test));
        for (var i = 0; i < 100 && test.MailStatus == MailStatus.Pending; i++)
        {
            await Task.Delay(100);
            test = Assert.Single(await MessagesAsync(Factory, kind: NotificationKinds.Test));
        }

        Assert.Equal((MailStatus.Sent, "jinji@city.example.lg.jp"), (test.MailStatus, test.MailTo));
        var mail = MimeMessage.Load(Assert.Single(PickedUp(Factory), f => MimeMessage.Load(f).To.Mailboxes.Any(m => m.Address == "jinji@city.example.lg.jp")));
        Assert.StartsWith("【テスト送信】", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_are_edited_with_messages_in_Japanese_and_only_by_administrators()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var overdue = await Factory.WithScopeAsync(sp => sp.GetRequiredService<NotificationsDbContext>().Rules.AsNoTracking().SingleAsync(r => r.Key == "overdue"));

        var bad = await SiteClient.PostFormAsync(admin, $"/admin/notifications/rules?handler=Save&id={overdue.Id}",
            new() { ["Enabled"] = "true", ["Days"] = "1", ["RepeatEveryDays"] = "0", ["MaxTimes"] = "3" }, "/admin/notifications/rules");
        Assert.Contains("繰り返し間隔は1～90日", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unchanged = await Factory.WithScopeAsync(sp => sp.GetRequiredService<NotificationsDbContext>().Rules.AsNoTracking().SingleAsync(r => r.Key == "overdue"));
        Assert.Equal(7, unchanged.RepeatEveryDays);

        var good = await SiteClient.PostFormAsync(admin, $"/admin/notifications/rules?handler=Save&id={overdue.Id}",
            new() { ["Enabled"] = "true", ["Days"] = "2", ["RepeatEveryDays"] = "14", ["MaxTimes"] = "2" }, "/admin/notifications/rules");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await Factory.WithScopeAsync(sp => sp.GetRequiredService<NotificationsDbContext>().Rules.AsNoTracking().SingleAsync(r => r.Key == "overdue"));
        Assert.Equal((2, 14, 2, true), (saved.Days, saved.RepeatEveryDays!.Value, saved.MaxTimes!.Value, saved.Enabled));

        var added = await SiteClient.PostFormAsync(admin, "/admin/notifications/rules?handler=Add",
            new() { ["Kind"] = "due-soon", ["CourseId"] = GameFixture.CourseId.ToString(), ["Days"] = "3" }, "/admin/notifications/rules");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(await Factory.WithScopeAsync(sp => sp.GetRequiredService<NotificationsDbContext>().Rules.AsNoTracking().ToListAsync()),
            r => r.Kind == "due-soon" && r.CourseId == GameFixture.CourseId && r.Days == 3 && r.Key.StartsWith("custom-", StringComparison.Ordinal));

        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin/notifications/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SiteClient.Create(Factory).GetAsync("/api/v1/me/notifications")).StatusCode);
    }
}
