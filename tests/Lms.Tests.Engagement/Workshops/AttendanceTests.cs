using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Lms.Modules.Workshops.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Workshops;

public sealed class AttendanceTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WorkshopFixture.SetUpAsync(Factory);
    }

    [Fact]
    public async Task The_facilitator_records_attendance_through_the_api_and_gets_the_summary()
    {
        var (session, people) = await SessionAsync(Factory, 3);
        var api = await ApiAsync(Factory, "demo-admin");

        var (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = new[] { people[0], people[1] }, absent = new[] { people[2] } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (int)body!["present"]!);
        Assert.Equal(1, (int)body["absent"]!);
        Assert.Equal(0, (int)body["unknown"]!);
        Assert.Equal(3, (int)body["registered"]!);
        Assert.Equal("absent", (string)body["people"]!.AsArray().Single(p => (string)p!["staffId"]! == people[2].ToString())!["attendance"]!);

        // {"staffIds": [...]} means present; a repeat changes nothing and is not audited again.
        (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { staffIds = new[] { people[2], people[0] } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (int)body!["present"]!);
        Assert.Equal(AttendanceStatus.Present, (await RegistrationAsync(Factory, session, people[2])).Attendance);
        var admin = await WorkshopFixture.StaffIdAsync(Factory, "demo-admin");
        Assert.Equal(admin, (await RegistrationAsync(Factory, session, people[2])).AttendanceBy);

        var audit = await AuditAsync(Factory, session);
        Assert.Equal(4, audit.Count);
        Assert.Equal(3, audit.Count(a => a.Action == "attendance.present"));
        Assert.Single(audit, a => a.Action == "attendance.absent" && a.StaffId == people[2]);
        Assert.All(audit, a => Assert.Equal(admin, a.ActorStaffId));
        Assert.Contains(audit, a => a.StaffId == people[2] && a.Action == "attendance.present" && a.Detail == "api; was absent");
    }

    [Fact]
    public async Task The_attendance_api_validates_everything_before_writing()
    {
        var (session, people) = await SessionAsync(Factory, 2);
        var stranger = (await WorkshopFixture.LearnersAsync(Factory)).First(id => !people.Contains(id));
        var api = await ApiAsync(Factory, "demo-admin");

        var (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = new[] { people[0], stranger } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal([stranger], Ids(body!["staffIds"]));
        Assert.Contains("座席がありません", (string)body["detail"]!);
        Assert.Equal(AttendanceStatus.Unknown, (await RegistrationAsync(Factory, session, people[0])).Attendance); // nothing written

        (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1人以上", (string)body!["detail"]!);

        (response, _) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = new[] { people[0] }, absent = new[] { people[0] } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        (response, _) = await PostJsonAsync(api, $"/api/v1/sessions/{Guid.NewGuid()}/attendance", new { present = new[] { people[0] } });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await AuditAsync(Factory, session));
    }

    [Fact]
    public async Task Attendance_cannot_be_taken_long_before_the_session()
    {
        var (session, people) = await SessionAsync(Factory, 1, startsIn: TimeSpan.FromHours(3));
        var api = await ApiAsync(Factory, "demo-admin");

        var (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = new[] { people[0] } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("から記録できます", (string)body!["detail"]!);
    }

    [Fact]
    public async Task The_facilitator_takes_attendance_on_the_session_page_with_and_without_script()
    {
        var (session, people) = await SessionAsync(Factory, 4);
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = $"/facilitate/sessions/{session}";
        var code = await CheckInCodeAsync(Factory, session);

        var html = await admin.GetStringAsync(page);
        Assert.Contains(code, html);
        Assert.Contains("<svg class=\"qr\"", html);
        Assert.Contains($"/workshops/check-in?code={code}", html);
        Assert.Contains("ワークショップ", html); // the workshop's title
        Assert.Contains($"{page}/teams", html);
        Assert.Contains($"{page}/signoff", html);
        Assert.Contains($"{page}/edit", html);

        // Without script: the form posts and the page comes back at the same person.
        var response = await SiteClient.PostFormAsync(admin, $"{page}?handler=Mark", new() { ["staffId"] = people[0].ToString(), ["status"] = "absent" }, page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"#p-{people[0]}", response.Headers.Location!.ToString());
        Assert.Equal(AttendanceStatus.Absent, (await RegistrationAsync(Factory, session, people[0])).Attendance);
        Assert.Contains("欠席にしました", await admin.GetStringAsync(page));

        // With attendance.js: the same POST answered with JSON.
        html = await admin.GetStringAsync(page);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{page}?handler=Mark")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["staffId"] = people[1].ToString(), ["status"] = "present", ["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(html),
            }),
        };
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True((bool)json["ok"]!);
        Assert.Equal("present", (string)json["attendance"]!);
        Assert.Equal(1, (int)json["counts"]!["present"]!);
        Assert.Equal(1, (int)json["counts"]!["absent"]!);
        Assert.Equal(2, (int)json["counts"]!["unknown"]!);

        // Everyone remaining present: the absent one stays absent.
        response = await SiteClient.PostFormAsync(admin, $"{page}?handler=AllPresent", new(), page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rows = await WorkshopsDb(Factory, db => db.Registrations.AsNoTracking().Where(r => r.SessionId == session).ToListAsync());
        Assert.Equal(3, rows.Count(r => r.Attendance == AttendanceStatus.Present));
        Assert.Equal(AttendanceStatus.Absent, rows.Single(r => r.StaffId == people[0]).Attendance);
        var audit = await AuditAsync(Factory, session);
        Assert.Equal(4, audit.Count);
        Assert.Equal(2, audit.Count(a => a.Detail == "all-remaining; was unknown"));

        var log = await admin.GetStringAsync($"{page}/audit");
        Assert.Contains("欠席にした", log);
        Assert.Contains("残り全員を出席", log);
    }

    [Fact]
    public async Task A_walk_in_is_found_by_employee_number_and_seated_present_even_when_the_session_is_full()
    {
        var (session, people) = await SessionAsync(Factory, 1, capacity: 1);
        var walkIn = (await WorkshopFixture.LearnersAsync(Factory)).First(id => !people.Contains(id));
        var card = await CardAsync(Factory, walkIn);
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = $"/facilitate/sessions/{session}";

        var found = await admin.GetStringAsync($"{page}?q={card.EmployeeNumber}");
        Assert.Contains(card.Name, found);
        Assert.Single(new HtmlParser().ParseDocument(found).QuerySelectorAll($"form[action$='handler=WalkIn'] input[value='{walkIn}']"));

        var response = await SiteClient.PostFormAsync(admin, $"{page}?handler=WalkIn", new() { ["staffId"] = walkIn.ToString() }, page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await RegistrationAsync(Factory, session, walkIn);
        Assert.Equal(RegistrationStatus.Registered, row.Status);
        Assert.Equal(AttendanceStatus.Present, row.Attendance);
        Assert.Equal(2, await WorkshopsDb(Factory, db => db.Registrations.CountAsync(r => r.SessionId == session && r.Status == RegistrationStatus.Registered)));
        var audit = await AuditAsync(Factory, session);
        Assert.Contains(audit, a => a.Action == "attendance.walkin" && a.StaffId == walkIn && a.Detail == "new");
        Assert.Contains(audit, a => a.Action == "attendance.present" && a.StaffId == walkIn);
        // Seated now: no longer offered as a walk-in.
        var again = new HtmlParser().ParseDocument(await admin.GetStringAsync($"{page}?q={card.EmployeeNumber}"));
        Assert.Empty(again.QuerySelectorAll($"form[action$='handler=WalkIn'] input[value='{walkIn}']"));
        Assert.Single(again.QuerySelectorAll($"form[action$='handler=Mark'] input[value='{walkIn}']"));
    }

    [Fact]
    public async Task A_walk_in_must_be_enrolled_in_the_workshops_course()
    {
        var (session, _) = await SessionAsync(Factory, 1);
        var manager = await WorkshopFixture.StaffIdAsync(Factory, "demo-manager"); // the test course is for general staff
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = $"/facilitate/sessions/{session}";

        var response = await SiteClient.PostFormAsync(admin, $"{page}?handler=WalkIn", new() { ["staffId"] = manager.ToString() }, page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("受講していません", await admin.GetStringAsync(page));
        Assert.False(await WorkshopsDb(Factory, db => db.Registrations.AnyAsync(r => r.SessionId == session && r.StaffId == manager)));
    }

    [Fact]
    public async Task An_absent_registrant_can_register_for_another_session()
    {
        var (first, people) = await SessionAsync(Factory, 1, startsIn: TimeSpan.FromHours(-3));
        var api = await ApiAsync(Factory, "demo-admin");
        var (response, _) = await PostJsonAsync(api, $"/api/v1/sessions/{first}/attendance", new { absent = new[] { people[0] } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(3));

        var result = await WorkshopFixture.RegisterAsync(Factory, next, people[0]);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RegistrationStatus.Registered, result.Status);
    }

    [Fact]
    public async Task Every_posting_form_of_the_session_pages_has_an_action_and_a_token()
    {
        var (session, people) = await SessionAsync(Factory, 3);
        var api = await ApiAsync(Factory, "demo-admin");
        await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = new[] { people[0], people[1] } });
        await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = new[] { people[0] } });
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var walkIn = (await WorkshopFixture.LearnersAsync(Factory)).First(id => !people.Contains(id));
        var number = (await CardAsync(Factory, walkIn)).EmployeeNumber;
        var pages = new (HttpClient Client, string Path)[]
        {
            (admin, $"/facilitate/sessions/{session}"), (admin, $"/facilitate/sessions/{session}?q={number}"), (admin, $"/facilitate/sessions/{session}/signoff"),
            (admin, $"/facilitate/sessions/{session}/audit"), (staff, "/workshops/check-in"),
        };

        var (forms, problems) = await PostingForms.CheckAsync(pages);

        Assert.True(forms >= 8, $"only {forms} forms checked");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Non_facilitators_get_403_on_every_facilitator_page_and_endpoint()
    {
        var (session, people) = await SessionAsync(Factory, 1);
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var token = SiteClient.AntiforgeryToken(await staff.GetStringAsync("/workshops/check-in"));
        var page = $"/facilitate/sessions/{session}";

        foreach (var path in new[] { page, $"{page}/signoff", $"{page}/audit", $"{page}?q=1" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(path)).StatusCode);
        }

        foreach (var path in new[] { $"{page}?handler=Mark", $"{page}?handler=AllPresent", $"{page}?handler=WalkIn", $"{page}/signoff", $"{page}/signoff?handler=Reverse" })
        {
            var response = await staff.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["staffId"] = people[0].ToString(), ["status"] = "present", ["StaffIds"] = people[0].ToString(), ["reason"] = "x", ["__RequestVerificationToken"] = token,
            }));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
        }

        var api = await ApiAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/sessions/{session}/attendance")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = new[] { people[0] } })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = new[] { people[0] } })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff/reversals", new { staffId = people[0], reason = "x" })).Response.StatusCode);

        Assert.Equal(AttendanceStatus.Unknown, (await RegistrationAsync(Factory, session, people[0])).Attendance);
        Assert.Empty(await AuditAsync(Factory, session));
        Assert.False(await WorkshopsDb(Factory, db => db.SignOffs.AnyAsync()));
    }
}
