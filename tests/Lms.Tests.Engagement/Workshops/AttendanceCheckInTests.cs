using System.Net;
using Lms.Modules.Workshops.Data;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Workshops;

public sealed class AttendanceCheckInTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WorkshopFixture.SetUpAsync(Factory);
        // Failed attempts are counted per person in memory; staff ids repeat after a reset.
        ClearThrottle(Factory);
    }

    public override Task DisposeAsync()
    {
        ClearThrottle(Factory);
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Staff_check_in_on_the_page_with_the_code_from_the_QR_code()
    {
        var (session, people) = await SessionAsync(Factory, 2);
        var code = await CheckInCodeAsync(Factory, session);
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        var form = await staff.GetStringAsync($"/workshops/check-in?code={code}");
        Assert.Contains($"value=\"{code}\"", form); // filled in; a GET checks nobody in
        Assert.Equal(AttendanceStatus.Unknown, (await RegistrationAsync(Factory, session, people[0])).Attendance);

        var response = await SiteClient.PostFormAsync(staff, "/workshops/check-in", new() { ["Code"] = code }, $"/workshops/check-in?code={code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("チェックインしました", await response.Content.ReadAsStringAsync());
        var row = await RegistrationAsync(Factory, session, people[0]);
        Assert.Equal(AttendanceStatus.Present, row.Attendance);
        Assert.NotNull(row.CheckedInAt);
        Assert.Equal(people[0], row.AttendanceBy);
        var entry = Assert.Single(await AuditAsync(Factory, session));
        Assert.Equal(("attendance.checkin", people[0], people[0]), (entry.Action, entry.StaffId, entry.ActorStaffId));
    }

    [Fact]
    public async Task Staff_check_in_through_the_api_as_typed_with_a_japanese_keyboard()
    {
        var (session, people) = await SessionAsync(Factory, 1);
        var code = await CheckInCodeAsync(Factory, session);
        var api = await ApiAsync(Factory, "demo-staff");
        // Full-width, lower case, a space in the middle: what an IME left switched on produces.
        var typed = string.Concat(code.ToLowerInvariant().Select(c => (char)(c + 0xFEE0))).Insert(3, "　");

        var (response, body) = await PostJsonAsync(api, "/api/v1/check-in", new { code = typed });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(session, Guid.Parse((string)body!["sessionId"]!));
        Assert.Equal(AttendanceStatus.Present, (await RegistrationAsync(Factory, session, people[0])).Attendance);

        (response, body) = await PostJsonAsync(api, "/api/v1/check-in", new { code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("チェックイン済み", (string)body!["message"]!);
        Assert.Single(await AuditAsync(Factory, session));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_a_clear_message()
    {
        var (session, people) = await SessionAsync(Factory, 1);
        var code = await CheckInCodeAsync(Factory, session);
        var wrong = code[..5] + (code[5] == 'A' ? 'C' : 'A');
        var api = await ApiAsync(Factory, "demo-staff");

        var (response, body) = await PostJsonAsync(api, "/api/v1/check-in", new { code = wrong });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("wrongCode", (string)body!["reason"]!);
        Assert.Contains("コードが正しくありません", (string)body["detail"]!);
        Assert.Equal(AttendanceStatus.Unknown, (await RegistrationAsync(Factory, session, people[0])).Attendance);

        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var page = await SiteClient.PostFormAsync(staff, "/workshops/check-in", new() { ["Code"] = wrong });
        Assert.Contains("コードが正しくありません", await page.Content.ReadAsStringAsync());

        (response, body) = await PostJsonAsync(api, "/api/v1/check-in", new { code = "AB" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("6文字", (string)body!["detail"]!);
    }

    [Fact]
    public async Task The_code_expires_when_the_session_ends()
    {
        var (session, people) = await SessionAsync(Factory, 1, startsIn: TimeSpan.FromHours(-2)); // 90 minutes long: over half an hour ago
        var code = await CheckInCodeAsync(Factory, session);
        var api = await ApiAsync(Factory, "demo-staff");

        var (response, body) = await PostJsonAsync(api, "/api/v1/check-in", new { code });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("expired", (string)body!["reason"]!);
        Assert.Contains("有効期限切れ", (string)body["detail"]!);
        Assert.Equal(AttendanceStatus.Unknown, (await RegistrationAsync(Factory, session, people[0])).Attendance);
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        Assert.Contains("このコードはもう使えません", await admin.GetStringAsync($"/facilitate/sessions/{session}"));
    }

    [Fact]
    public async Task Check_in_opens_half_an_hour_before_the_start()
    {
        var (session, people) = await SessionAsync(Factory, 1, startsIn: TimeSpan.FromMinutes(45));
        var code = await CheckInCodeAsync(Factory, session);
        var api = await ApiAsync(Factory, "demo-staff");

        var (response, body) = await PostJsonAsync(api, "/api/v1/check-in", new { code });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("notOpenYet", (string)body!["reason"]!);

        await MoveAsync(Factory, session, TimeSpan.FromMinutes(25));
        (response, _) = await PostJsonAsync(api, "/api/v1/check-in", new { code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AttendanceStatus.Present, (await RegistrationAsync(Factory, session, people[0])).Attendance);
    }

    [Fact]
    public async Task Someone_without_a_seat_is_told_to_ask_the_facilitator()
    {
        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromMinutes(-5));
        var code = await CheckInCodeAsync(Factory, session);
        var api = await ApiAsync(Factory, "demo-staff");

        var (response, body) = await PostJsonAsync(api, "/api/v1/check-in", new { code });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("notRegistered", (string)body!["reason"]!);
        Assert.Contains("ファシリテーターに声をかけてください", (string)body["detail"]!);
        Assert.Empty(await AuditAsync(Factory, session));
    }

    [Fact]
    public async Task After_ten_failed_attempts_check_in_is_refused_with_429_and_successes_do_not_count()
    {
        var (session, _) = await SessionAsync(Factory, 1);
        var code = await CheckInCodeAsync(Factory, session);
        var wrong = code[..5] + (code[5] == 'A' ? 'C' : 'A');
        var api = await ApiAsync(Factory, "demo-staff");

        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostJsonAsync(api, "/api/v1/check-in", new { code = wrong })).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, "/api/v1/check-in", new { code })).Response.StatusCode); // given back
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostJsonAsync(api, "/api/v1/check-in", new { code = wrong })).Response.StatusCode); // the tenth failure

        var (response, body) = await PostJsonAsync(api, "/api/v1/check-in", new { code }); // even the right code: it could be a lucky guess
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("tooManyAttempts", (string)body!["reason"]!);
        Assert.Contains("多すぎます", (string)body["detail"]!);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 600);

        // The page shares the count.
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        var page = await SiteClient.PostFormAsync(staff, "/workshops/check-in", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("ファシリテーターに出席の記録を依頼してください", await page.Content.ReadAsStringAsync());

        // Per person: someone else is not held up.
        var other = await ApiAsync(Factory, "demo-manager");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostJsonAsync(other, "/api/v1/check-in", new { code = wrong })).Response.StatusCode);
    }
}
