using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Notifications.NotificationsFixture;

namespace Lms.Tests.Notifications;

/// <summary>The managers' digest (escalation), the inbox API and page, preferences and the e-mail's preferences link.</summary>
public sealed class DigestAndInboxTests(LmsAppFactory factory) : SiteTest(factory)
{
    private IReadOnlyList<Guid> learners = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GameFixture.SetUpAsync(Factory);
        learners = await WorkshopFixture.LearnersAsync(Factory);
    }

    private Task<IReadOnlyList<Guid>> TeamAsync(string manager) => Factory.WithScopeAsync(async sp =>
        await sp.GetRequiredService<IMediator>().Send(new GetTeamMembers(await WorkshopFixture.StaffIdAsync(Factory, manager))));

    [Fact]
    public async Task A_manager_gets_one_digest_a_week_listing_the_members_overdue_beyond_the_escalation_days()
    {
        var manager = await WorkshopFixture.StaffIdAsync(Factory, "demo-manager");
        var late = (await TeamAsync("demo-manager")).Intersect(learners).Order().ToList();
        Assert.NotEmpty(late);

        // One day overdue (due on day 14): counted, but nobody escalated yet (the rule says more than 7 days).
        // Day 15 and day 22 are seven days apart, so always in two weeks whatever weekday today is (days 16 and 22
        // fell in one week whenever the test ran on a Saturday, Japan time).
        await DigestAsync(Factory, ClockAtDay(15));
        var early = MessageData.FromJson(Assert.Single(await MessagesAsync(Factory, manager, NotificationKinds.ManagerDigest)).DataJson).Digest!;
        Assert.Equal(late.Count, early.OverdueCount);
        Assert.Empty(early.Items);

        // Eight days overdue, in a later week: a new digest names them, with the days.
        var (_, created) = await DigestAsync(Factory, ClockAtDay(22));
        var again = await DigestAsync(Factory, ClockAtDay(22, hour: 15));
        Assert.True(created >= 1);
        Assert.Equal(0, again.Created);
        var digests = await MessagesAsync(Factory, manager, NotificationKinds.ManagerDigest);
        Assert.Equal(2, digests.Count);
        var digest = MessageData.FromJson(digests[^1].DataJson).Digest!;
        Assert.Equal(late, digest.Items.Select(i => i.StaffId).Order());
        Assert.All(digest.Items, i => Assert.Equal((8, true), (i.DaysOverdue, i.Overdue)));
        Assert.Equal(0, digest.CompletionPercent);

        // The manager reads it in the inbox, with the names.
        var client = await SiteClient.SignInAsync(Factory, "demo-manager");
        var page = await client.GetStringAsync($"/me/notifications/{digests[^1].Id}");
        Assert.Contains("期限を過ぎている", page, StringComparison.Ordinal);
        Assert.Contains("8日", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_lists_unread_first_marks_read_and_keeps_to_its_owner()
    {
        await SweepAsync(Factory, ClockAtDay(7));
        await SweepAsync(Factory, ClockAtDay(13));
        var api = await AttendanceHelpers.ApiAsync(Factory, "demo-staff");

        var list = JsonNode.Parse(await api.GetStringAsync("/api/v1/me/notifications"))!;
        Assert.Equal(2, list["unread"]!.GetValue<int>());
        var items = list["items"]!.AsArray();
        Assert.Equal(["due-soon", "due-soon"], items.Select(i => i!["kind"]!.GetValue<string>()));
        var newest = items[0]!["id"]!.GetValue<Guid>();
        Assert.Contains("明日", items[0]!["title"]!.GetValue<string>() + items[0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var older = items[1]!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/me/notifications/{older}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/me/notifications/{older}/read", null)).StatusCode);
        list = JsonNode.Parse(await api.GetStringAsync("/api/v1/me/notifications"))!;
        Assert.Equal(1, list["unread"]!.GetValue<int>());
        Assert.Equal([newest, older], list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.True(list["items"]![1]!["read"]!.GetValue<bool>());

        // Someone else's message is not found, and stays unread.
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var someoneElse = (await MessagesAsync(Factory)).First(m => m.StaffId != me);
        var other = await api.PostAsync($"/api/v1/me/notifications/{someoneElse.Id}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Null((await MessagesAsync(Factory, someoneElse.StaffId)).Single(m => m.Id == someoneElse.Id).ReadAt);

        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/me/notifications?pageSize=500")).StatusCode);
    }

    [Fact]
    public async Task The_bell_shows_the_unread_count_on_every_page()
    {
        await SweepAsync(Factory, ClockAtDay(7));
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var home = await client.GetStringAsync("/");

        Assert.Contains("class=\"notification-bell\"", home, StringComparison.Ordinal);
        Assert.Contains("class=\"notification-count\" aria-hidden=\"true\">1<", home, StringComparison.Ordinal);
        var inbox = await client.GetStringAsync("/me/notifications");
        Assert.Contains("未読", inbox, StringComparison.Ordinal);
    }

    /// <summary>The count is kept 30 s for the pages' sake, but a new message shows at once (the bell is how a manager finds the digest).</summary>
    [Fact]
    public async Task A_new_message_shows_on_the_bell_at_once_though_the_count_is_kept_between_pages()
    {
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.DoesNotContain("class=\"notification-count\"", await client.GetStringAsync("/"), StringComparison.Ordinal); // counted (0) and kept

        await SweepAsync(Factory, ClockAtDay(7));

        Assert.Contains("class=\"notification-count\" aria-hidden=\"true\">1<", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_preferences_are_refused_in_Japanese_and_change_nothing()
    {
        var api = await AttendanceHelpers.ApiAsync(Factory, "demo-staff");
        var before = await api.GetStringAsync("/api/v1/me/notification-preferences");

        var wrongHours = await api.PutAsJsonAsync("/api/v1/me/notification-preferences",
            new { culture = "ja", email = new Dictionary<string, bool>(), quietHours = new { enabled = true, start = "18:00", end = "09:00" } });
        var wrongKind = await api.PutAsJsonAsync("/api/v1/me/notification-preferences",
            new { culture = "ja", email = new Dictionary<string, bool> { ["spam"] = false }, quietHours = new { enabled = true, start = "08:30", end = "17:15" } });

        Assert.Equal(HttpStatusCode.BadRequest, wrongHours.StatusCode);
        Assert.Contains("開始", await wrongHours.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.Contains("spam", await wrongKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await api.GetStringAsync("/api/v1/me/notification-preferences"));

        var good = await api.PutAsJsonAsync("/api/v1/me/notification-preferences",
            new { culture = "en", email = new Dictionary<string, bool> { ["inactive"] = false }, quietHours = new { enabled = false, start = "09:00", end = "18:00" } });
        good.EnsureSuccessStatusCode();
        var saved = JsonNode.Parse(await api.GetStringAsync("/api/v1/me/notification-preferences"))!;
        Assert.Equal("en", saved["culture"]!.GetValue<string>());
        Assert.False(saved["email"]!["inactive"]!.GetValue<bool>());
        Assert.True(saved["email"]!["overdue"]!.GetValue<bool>());
        Assert.Equal((false, "09:00"), (saved["quietHours"]!["enabled"]!.GetValue<bool>(), saved["quietHours"]!["start"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_preferences_link_works_without_signing_in_but_only_for_its_owner()
    {
        var owner = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var other = learners.First(l => l != owner);
        var token = Factory.Services.GetRequiredService<PreferenceLinks>().Token(owner);
        var anonymous = SiteClient.Create(Factory, "ja");

        var page = await anonymous.GetAsync($"/notifications/preferences/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("通知の設定", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await SiteClient.PostFormAsync(anonymous, $"/notifications/preferences/{token}", new()
        {
            ["Form.Culture"] = "ja", ["Form.Mail"] = "overdue", ["Form.QuietHours"] = "true", ["Form.WorkStart"] = "09:00", ["Form.WorkEnd"] = "17:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var mine = await Factory.WithScopeAsync(sp => sp.GetRequiredService<PreferenceStore>().GetAsync(owner, CancellationToken.None));
        Assert.True(mine.WantsMail("overdue"));
        Assert.False(mine.WantsMail("due-soon"));
        Assert.Equal(new TimeOnly(9, 0), mine.WorkStart);

        // One-click unsubscribe (RFC 8058) from the mail program: the owner's kind only.
        var oneClick = await anonymous.PostAsync($"/notifications/unsubscribe/{token}/overdue", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False((await Factory.WithScopeAsync(sp => sp.GetRequiredService<PreferenceStore>().GetAsync(owner, CancellationToken.None))).WantsMail("overdue"));
        Assert.Equal(Preferences.Default.MailOff.Count, (await Factory.WithScopeAsync(sp => sp.GetRequiredService<PreferenceStore>().GetAsync(other, CancellationToken.None))).MailOff.Count);

        // A token altered by one character, or made up, opens nothing.
        var altered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/notifications/preferences/{altered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/notifications/preferences/{owner}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync($"/notifications/unsubscribe/{altered}/overdue", null)).StatusCode);
    }

    [Fact]
    public async Task A_waiting_list_seat_and_a_cancelled_session_reach_the_inbox_at_once()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(10), capacity: 1);
        var (first, second) = (learners[0], learners[1]);
        await WorkshopFixture.RegisterAsync(Factory, session, first);
        await WorkshopFixture.RegisterAsync(Factory, session, second); // waiting list

        await Factory.WithScopeAsync(sp => sp.GetRequiredService<Lms.Modules.Workshops.Features.Registration.SeatBook>().CancelAsync(session, first, CancellationToken.None));

        var seat = Assert.Single(await MessagesAsync(Factory, second, NotificationKinds.WaitlistSeat));
        Assert.Equal($"/workshops/sessions/{session}", seat.Link);
        Assert.Empty(await MessagesAsync(Factory, first, NotificationKinds.WaitlistSeat));
    }
}
