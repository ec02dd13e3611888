using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Contracts.Workshops;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Registration;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Workshops;

public sealed class RegistrationTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WorkshopFixture.SetUpAsync(Factory);
    }

    private Task<T> Db<T>(Func<WorkshopsDbContext, Task<T>> query) => Factory.WithScopeAsync(sp => query(sp.GetRequiredService<WorkshopsDbContext>()));

    private Task<SeatResult> CancelAsync(Guid session, Guid staff) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<SeatBook>().CancelAsync(session, staff, CancellationToken.None));

    private Task<Dictionary<Guid, RegistrationStatus>> StatusesAsync(Guid session) =>
        Db(db => db.Registrations.Where(r => r.SessionId == session).ToDictionaryAsync(r => r.StaffId, r => r.Status));

    [Fact]
    public async Task A_learner_registers_through_the_api_sees_the_seat_and_cancels_it()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7), capacity: 3);
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");

        var registered = await client.PostAsync($"/api/v1/sessions/{session}/registrations", null);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal("registered", (string)(await registered.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);

        var list = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/workshops/{WorkshopFixture.WorkshopId}/sessions"))!;
        var listed = list["sessions"]!.AsArray().Single()!;
        Assert.Equal("registered", (string)listed["myStatus"]!);
        Assert.Equal(2, (int)listed["seatsLeft"]!);
        Assert.Equal("ワークショップ", (string)list["title"]!);

        var again = await client.PostAsync($"/api/v1/sessions/{session}/registrations", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // a double click registers once
        Assert.Single((await StatusesAsync(session)).Values, RegistrationStatus.Registered);

        var cancelled = await client.DeleteAsync($"/api/v1/sessions/{session}/registrations/me");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(RegistrationStatus.Cancelled, (await StatusesAsync(session)).Single().Value);
    }

    [Fact]
    public async Task Many_people_asking_for_the_last_seats_at_once_never_exceed_the_capacity()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7), capacity: 5);
        var people = (await WorkshopFixture.LearnersAsync(Factory)).Take(24).ToList();

        var results = await Task.WhenAll(people.Select(p => Task.Run(() => WorkshopFixture.RegisterAsync(Factory, session, p))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        var statuses = await StatusesAsync(session);
        Assert.Equal(5, statuses.Values.Count(s => s == RegistrationStatus.Registered));
        Assert.Equal(people.Count - 5, statuses.Values.Count(s => s == RegistrationStatus.Waitlisted));
        Assert.Equal(5, results.Count(r => r.Status == RegistrationStatus.Registered));
        // The waiting list has one position per person, 1…n.
        Assert.Equal(Enumerable.Range(1, people.Count - 5), results.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value).Order());
    }

    [Fact]
    public async Task A_cancelled_seat_goes_to_the_first_person_waiting_who_is_told()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7), capacity: 2);
        var people = (await WorkshopFixture.LearnersAsync(Factory)).Take(4).ToList();
        foreach (var person in people)
        {
            await WorkshopFixture.RegisterAsync(Factory, session, person);
        }

        Factory.Events.Clear();
        var result = await CancelAsync(session, people[0]);

        Assert.True(result.Succeeded, result.Message);
        var statuses = await StatusesAsync(session);
        Assert.Equal(RegistrationStatus.Cancelled, statuses[people[0]]);
        Assert.Equal(RegistrationStatus.Registered, statuses[people[2]]); // first in the queue
        Assert.Equal(RegistrationStatus.Waitlisted, statuses[people[3]]);
        var granted = Assert.Single(Factory.Events.Of<WaitlistSeatGranted>());
        Assert.Equal(people[2], granted.StaffId);
        Assert.Equal(session, granted.SessionId);

        // Leaving the waiting list frees no seat: nobody else moves.
        Factory.Events.Clear();
        await CancelAsync(session, people[3]);
        Assert.Empty(Factory.Events.Of<WaitlistSeatGranted>());
    }

    [Fact]
    public async Task More_seats_seat_the_waiting_list()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7), capacity: 1);
        var people = (await WorkshopFixture.LearnersAsync(Factory)).Take(3).ToList();
        foreach (var person in people)
        {
            await WorkshopFixture.RegisterAsync(Factory, session, person);
        }

        await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<WorkshopsDbContext>();
            var s = await db.Sessions.AsNoTracking().Include(x => x.Facilitators).FirstAsync(x => x.Id == session);
            var editor = sp.GetRequiredService<Lms.Modules.Workshops.Features.Sessions.SessionEditor>();
            var problems = await editor.UpdateAsync(session, new(s.ActivityId, s.StartsAt, s.EndsAt, s.Place, null, 3, s.RegistrationDeadline, [], [s.Facilitators[0].StaffId], null), CancellationToken.None);
            Assert.False(problems!.Any);
            return 0;
        });

        Assert.All((await StatusesAsync(session)).Values, s => Assert.Equal(RegistrationStatus.Registered, s));
    }

    [Fact]
    public async Task Registration_past_the_deadline_is_refused_and_nothing_is_written()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromHours(2), deadlineBefore: TimeSpan.FromHours(3));
        var client = await LearnerApi.LearnerAsync(Factory, "demo-staff");

        var response = await client.PostAsync($"/api/v1/sessions/{session}/registrations", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("締め切り", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await StatusesAsync(session));
    }

    [Fact]
    public async Task Someone_not_enrolled_in_the_workshops_course_cannot_register()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(3));
        var manager = await WorkshopFixture.StaffIdAsync(Factory, "demo-manager"); // the test course is for the general tier

        var result = await WorkshopFixture.RegisterAsync(Factory, session, manager);

        Assert.False(result.Succeeded);
        Assert.Contains("受講していない", result.Message, StringComparison.Ordinal);
        Assert.Empty(await StatusesAsync(session));
        var client = await LearnerApi.LearnerAsync(Factory, "demo-manager");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/workshops/{WorkshopFixture.WorkshopId}/sessions")).StatusCode);
    }

    [Fact]
    public async Task Overlapping_sessions_and_a_second_session_of_the_same_workshop_are_refused()
    {
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var first = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(5));
        var sameWorkshop = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(9));
        Assert.True((await WorkshopFixture.RegisterAsync(Factory, first, me)).Succeeded);

        var second = await WorkshopFixture.RegisterAsync(Factory, sameWorkshop, me);
        Assert.False(second.Succeeded);
        Assert.Contains("別のセッション", second.Message, StringComparison.Ordinal);

        // Another workshop at an overlapping time: a second course with its own workshop.
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe().Replace("t-general", "t-other", StringComparison.Ordinal).Replace("テスト一般職コース", "別のコース", StringComparison.Ordinal));
        await Factory.FlushDeferredWorkAsync();
        var other = Lms.Framework.Data.StableGuid.From("course:t-other/activity:w1");
        var clash = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(5).Add(TimeSpan.FromMinutes(30)), activityId: other);
        var overlap = await WorkshopFixture.RegisterAsync(Factory, clash, me);
        Assert.False(overlap.Succeeded);
        Assert.Contains("重なって", overlap.Message, StringComparison.Ordinal);
        Assert.Empty(await StatusesAsync(clash));
        Assert.Empty(await StatusesAsync(sameWorkshop));
    }

    [Fact]
    public async Task A_session_for_other_tiers_is_refused()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(3), tiers: [StaffTier.Manager]);
        var result = await WorkshopFixture.RegisterAsync(Factory, session, await WorkshopFixture.StaffIdAsync(Factory, "demo-staff"));
        Assert.False(result.Succeeded);
        Assert.Empty(await StatusesAsync(session));
    }

    [Fact]
    public async Task Cancelling_after_the_deadline_is_refused_and_the_seat_is_kept()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(2), deadlineBefore: TimeSpan.FromDays(3));
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await Db(async db =>
        {
            db.Registrations.Add(new Registration { Id = Guid.NewGuid(), SessionId = session, StaffId = me, Status = RegistrationStatus.Registered, RequestedAt = DateTimeOffset.UtcNow.AddDays(-4) });
            return await db.SaveChangesAsync();
        });

        var result = await CancelAsync(session, me);

        Assert.False(result.Succeeded);
        Assert.Equal(RegistrationStatus.Registered, (await StatusesAsync(session))[me]);
    }

    [Fact]
    public async Task The_registration_downloads_as_a_valid_icalendar_event()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7));
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/workshops/sessions/{session}/calendar.ics")).StatusCode); // not registered yet
        await WorkshopFixture.RegisterAsync(Factory, session, await WorkshopFixture.StaffIdAsync(Factory, "demo-staff"));

        var response = await client.GetAsync($"/workshops/sessions/{session}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR", text, StringComparison.Ordinal);
        Assert.Contains("\r\n", text, StringComparison.Ordinal); // RFC 5545 line ends
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.Equal("2.0", calendar.Version);
        var item = Assert.Single(calendar.Events);
        Assert.Equal("ワークショップ", item.Summary);
        Assert.Equal("本庁舎 5階 大会議室", item.Location);
        Assert.False(string.IsNullOrEmpty(item.Uid));
        Assert.NotNull(item.DtStamp);
        var starts = await Db(db => db.Sessions.Where(s => s.Id == session).Select(s => s.StartsAt).FirstAsync());
        Assert.Equal(starts.UtcDateTime, item.DtStart!.AsUtc, TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMinutes(90), item.DtEnd!.AsUtc - item.DtStart.AsUtc);

        var workshopCalendar = Ical.Net.Calendar.Load(await client.GetStringAsync($"/workshops/{WorkshopFixture.WorkshopId}/calendar.ics"))!;
        Assert.Single(workshopCalendar.Events);
    }

    [Fact]
    public async Task Staff_pages_list_the_workshop_and_register_through_the_form()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7));
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var mine = await client.GetStringAsync("/workshops");
        Assert.Contains("ワークショップ", mine, StringComparison.Ordinal);
        var list = await client.GetStringAsync($"/workshops/{WorkshopFixture.WorkshopId}");
        Assert.Contains($"/workshops/sessions/{session}?handler=Register", list, StringComparison.Ordinal);

        var posted = await SiteClient.PostFormAsync(client, $"/workshops/sessions/{session}?handler=Register", [], $"/workshops/{WorkshopFixture.WorkshopId}");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var details = await client.GetStringAsync($"/workshops/sessions/{session}");
        Assert.Contains("申し込みました", details, StringComparison.Ordinal);
        Assert.Equal(RegistrationStatus.Registered, (await StatusesAsync(session)).Single().Value);
    }

    [Fact]
    public async Task A_facilitator_schedules_a_session_through_the_form_and_bad_input_changes_nothing()
    {
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-admin");
        var day = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var form = new Dictionary<string, string>
        {
            ["ActivityId"] = WorkshopFixture.WorkshopId.ToString(), ["Date"] = day, ["StartTime"] = "15:00", ["EndTime"] = "13:00",
            ["Place"] = "", ["Capacity"] = "20", ["FacilitatorIds"] = me.ToString(),
        };

        var refused = await SiteClient.PostFormAsync(admin, "/facilitate/sessions/new", form, "/facilitate/sessions/new");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("終了は開始より後", html, StringComparison.Ordinal);
        Assert.Contains("場所かオンライン", html, StringComparison.Ordinal);
        Assert.Equal(0, await Db(db => db.Sessions.CountAsync()));

        form["EndTime"] = "16:30";
        form["Place"] = "分庁舎 2階 研修室";
        var created = await SiteClient.PostFormAsync(admin, "/facilitate/sessions/new", form, "/facilitate/sessions/new");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var session = await Db(db => db.Sessions.Include(s => s.Facilitators).SingleAsync());
        Assert.Equal(TimeSpan.FromMinutes(90), session.EndsAt - session.StartsAt);
        Assert.Equal(6, session.StartsAt.UtcDateTime.Hour); // 15:00 in Tokyo
        Assert.Equal(session.StartsAt, session.RegistrationDeadline); // no deadline given: open until the start
        Assert.Equal(me, Assert.Single(session.Facilitators).StaffId);
        Assert.Equal(6, session.CheckInCode.Length);

        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/facilitate/sessions/new")).StatusCode);
        Assert.Contains(session.Place!, await admin.GetStringAsync("/facilitate/sessions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_marked_absent_can_register_for_another_session_of_the_workshop()
    {
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var missed = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromMinutes(-30), deadlineBefore: TimeSpan.FromDays(1));
        await Db(async db =>
        {
            db.Registrations.Add(new Registration
            {
                Id = Guid.NewGuid(), SessionId = missed, StaffId = me, Status = RegistrationStatus.Registered, RequestedAt = DateTimeOffset.UtcNow.AddDays(-3),
                Attendance = AttendanceStatus.Absent,
            });
            return await db.SaveChangesAsync();
        });
        var next = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7));

        var result = await WorkshopFixture.RegisterAsync(Factory, next, me);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RegistrationStatus.Registered, (await StatusesAsync(next))[me]);
    }

    [Fact]
    public async Task Every_posting_form_of_the_session_and_registration_pages_has_an_action_and_a_token()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7));
        var full = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(9), capacity: 1);
        await WorkshopFixture.RegisterAsync(Factory, full, (await WorkshopFixture.LearnersAsync(Factory))[0]);
        await WorkshopFixture.RegisterAsync(Factory, session, await WorkshopFixture.StaffIdAsync(Factory, "demo-staff"));
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var pages = new (HttpClient, string)[]
        {
            (staff, "/workshops"), (staff, $"/workshops/{WorkshopFixture.WorkshopId}"), (staff, $"/workshops/sessions/{session}"), (staff, $"/workshops/sessions/{full}"),
            (admin, "/facilitate/sessions"), (admin, "/facilitate/sessions/new"), (admin, $"/facilitate/sessions/{session}/edit"), (admin, $"/workshops/sessions/{full}"),
        };

        var (forms, problems) = await PostingForms.CheckAsync(pages);

        Assert.True(forms >= 4, $"only {forms} forms checked");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Cancelling_a_session_tells_everyone_who_held_a_place_once_and_is_audited()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7), capacity: 1);
        var people = (await WorkshopFixture.LearnersAsync(Factory)).Take(3).ToList();
        foreach (var person in people)
        {
            await WorkshopFixture.RegisterAsync(Factory, session, person);
        }

        await CancelAsync(session, people[2]); // left the waiting list: not told
        Factory.Events.Clear();
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");

        var first = await SiteClient.PostFormAsync(admin, $"/facilitate/sessions/{session}/edit?handler=CancelSession", [], $"/facilitate/sessions/{session}/edit");
        var again = await SiteClient.PostFormAsync(admin, $"/facilitate/sessions/{session}/edit?handler=CancelSession", [], $"/facilitate/sessions/{session}/edit");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var cancelled = Assert.Single(Factory.Events.Of<WorkshopSessionCancelled>());
        Assert.Equal(people.Take(2).Order(), cancelled.StaffIds.Order());
        Assert.Equal(await WorkshopFixture.StaffIdAsync(Factory, "demo-admin"), cancelled.CancelledBy);
        Assert.Equal(1, await Db(db => db.Audit.CountAsync(a => a.SessionId == session && a.Action == "session-cancelled")));
        var refused = await WorkshopFixture.RegisterAsync(Factory, session, (await WorkshopFixture.LearnersAsync(Factory))[5]);
        Assert.False(refused.Succeeded);
        Assert.Contains("中止", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_learner_whose_session_was_cancelled_is_told_on_their_workshops_page()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(4));
        await WorkshopFixture.RegisterAsync(Factory, session, await WorkshopFixture.StaffIdAsync(Factory, "demo-staff"));
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        await SiteClient.PostFormAsync(admin, $"/facilitate/sessions/{session}/edit?handler=CancelSession", [], $"/facilitate/sessions/{session}/edit");

        var page = await (await SiteClient.SignInAsync(Factory, "demo-staff")).GetStringAsync("/workshops");

        Assert.Contains("中止になりました。別のセッションを選んでください。", page, StringComparison.Ordinal);
    }
}
