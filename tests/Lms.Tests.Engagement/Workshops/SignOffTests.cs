using System.Net;
using AngleSharp.Html.Parser;
using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Attendance;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Workshops;

public sealed class SignOffTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WorkshopFixture.SetUpAsync(Factory);
        Factory.Events.Clear();
    }

    private static async Task PresentAsync(HttpClient api, Guid session, params Guid[] people) =>
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = people })).Response.StatusCode);

    [Fact]
    public async Task Sign_off_completes_the_workshop_activity_and_publishes_WorkshopCompleted_exactly_once_when_repeated()
    {
        var (session, people) = await SessionAsync(Factory, 3);
        var api = await ApiAsync(Factory, "demo-admin");
        var admin = await WorkshopFixture.StaffIdAsync(Factory, "demo-admin");
        await PresentAsync(api, session, [.. people]);

        var (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = people });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(people.Order(), Ids(body!["signedOff"]).Order());
        Assert.Empty(body["alreadySignedOff"]!.AsArray());
        Assert.Empty(body["skipped"]!.AsArray());
        foreach (var person in people)
        {
            Assert.Equal(1, await CompletionsAsync(Factory, person));
        }

        var events = Factory.Events.Of<WorkshopCompleted>();
        Assert.Equal(people.Order(), events.Select(e => e.StaffId).Order());
        Assert.All(events, e => Assert.Equal((WorkshopFixture.WorkshopId, session, admin), (e.ActivityId, e.SessionId!.Value, e.SignedOffBy!.Value)));
        Assert.Equal(3, Factory.Events.Of<ActivityCompleted>().Count);

        (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = people });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body!["signedOff"]!.AsArray());
        Assert.Equal(people.Order(), Ids(body["alreadySignedOff"]).Order());
        Assert.Equal(3, Factory.Events.Of<WorkshopCompleted>().Count);
        Assert.Equal(3, Factory.Events.Of<ActivityCompleted>().Count);
        Assert.Equal(3, await WorkshopsDb(Factory, db => db.SignOffs.CountAsync()));
        foreach (var person in people)
        {
            Assert.Equal(1, await CompletionsAsync(Factory, person));
        }

        var audit = await AuditAsync(Factory, session);
        Assert.Equal(3, audit.Count(a => a.Action == "signoff"));
    }

    [Fact]
    public async Task Parallel_sign_offs_of_the_same_people_sign_each_off_once()
    {
        var (session, people) = await SessionAsync(Factory, 4);
        var api = await ApiAsync(Factory, "demo-admin");
        await PresentAsync(api, session, [.. people]);
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ApiAsync(Factory, "demo-admin")));

        var results = await Task.WhenAll(clients.Select(c => PostJsonAsync(c, $"/api/v1/sessions/{session}/signoff", new { staffIds = people })));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.Equal(people.Order(), results.SelectMany(r => Ids(r.Body!["signedOff"])).Order()); // each person in exactly one answer
        Assert.Equal(people.Count * (clients.Length - 1), results.Sum(r => r.Body!["alreadySignedOff"]!.AsArray().Count));
        Assert.Equal(people.Order(), Factory.Events.Of<WorkshopCompleted>().Select(e => e.StaffId).Order());
        Assert.Equal(people.Count, await WorkshopsDb(Factory, db => db.SignOffs.CountAsync()));
        foreach (var person in people)
        {
            Assert.Equal(1, await CompletionsAsync(Factory, person));
        }
    }

    [Fact]
    public async Task Bulk_sign_off_on_the_page_ticks_those_present_and_leaves_out_the_exceptions()
    {
        var (session, people) = await SessionAsync(Factory, 4);
        var (present, exception, unknown, absent) = (people[0], people[1], people[2], people[3]);
        var api = await ApiAsync(Factory, "demo-admin");
        await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = new[] { present, exception }, absent = new[] { absent } });
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = $"/facilitate/sessions/{session}/signoff";

        var document = new HtmlParser().ParseDocument(await admin.GetStringAsync(page));
        bool? Ticked(Guid id) => document.QuerySelector($"input[name=StaffIds][value='{id}']")?.HasAttribute("checked");
        Assert.True(Ticked(present));
        Assert.True(Ticked(exception));
        Assert.False(Ticked(unknown)); // shown, not ticked
        Assert.Null(Ticked(absent)); // not offered

        // The facilitator unticks the exception and ticks the person whose attendance was not recorded.
        var response = await admin.PostAsync(page, new FormUrlEncodedContent(
        [
            new("StaffIds", unknown.ToString()), new("StaffIds", present.ToString()),
            new("__RequestVerificationToken", SiteClient.AntiforgeryToken(await admin.GetStringAsync(page))),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Equal(new[] { present, unknown }.Order(), Factory.Events.Of<WorkshopCompleted>().Select(e => e.StaffId).Order());
        Assert.Equal(0, await CompletionsAsync(Factory, exception));
        Assert.Equal(AttendanceStatus.Present, (await RegistrationAsync(Factory, session, unknown)).Attendance); // signed off: took part
        var html = await admin.GetStringAsync(page);
        Assert.Contains("参加確認済み（2人）", html);
        Assert.Contains((await CardAsync(Factory, exception)).Name, html);
        Assert.Contains("欠席と記録されています", html); // the absent one, listed as not offered
    }

    [Fact]
    public async Task Sign_off_skips_people_without_a_seat_absent_or_already_signed_off_at_another_session()
    {
        var (earlier, people) = await SessionAsync(Factory, 1, startsIn: TimeSpan.FromDays(-2));
        var twice = people[0];
        var api = await ApiAsync(Factory, "demo-admin");
        await PresentAsync(api, earlier, twice);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{earlier}/signoff", new { staffIds = new[] { twice } })).Response.StatusCode);

        var session = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7));
        var others = (await WorkshopFixture.LearnersAsync(Factory)).Where(id => id != twice).Take(3).ToList();
        var (absent, stranger, fine) = (others[0], others[1], others[2]);
        foreach (var person in new[] { absent, fine })
        {
            Assert.True((await WorkshopFixture.RegisterAsync(Factory, session, person)).Succeeded);
        }

        await MoveAsync(Factory, session, TimeSpan.FromMinutes(-30));
        // Came again (as a walk-in: the completed workshop cannot be booked).
        var walkIn = await Factory.WithScopeAsync(sp => sp.GetRequiredService<AttendanceBook>().AddWalkInAsync(session, twice, null, CancellationToken.None));
        Assert.True(walkIn.Succeeded, walkIn.Message);
        await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = new[] { fine }, absent = new[] { absent } });
        Factory.Events.Clear();

        var (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = new[] { twice, absent, stranger, fine } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([fine], Ids(body!["signedOff"]));
        var skipped = body["skipped"]!.AsArray().ToDictionary(s => Guid.Parse((string)s!["staffId"]!), s => (string)s!["reason"]!);
        Assert.Equal(3, skipped.Count);
        Assert.Contains("別の回", skipped[twice]);
        Assert.Contains("欠席", skipped[absent]);
        Assert.Contains("参加登録していません", skipped[stranger]);
        Assert.Equal([fine], Factory.Events.Of<WorkshopCompleted>().Select(e => e.StaffId));

        (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1人以上選んでください", (string)body!["detail"]!);
        (response, _) = await PostJsonAsync(api, $"/api/v1/sessions/{Guid.NewGuid()}/signoff", new { staffIds = new[] { fine } });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Sign_off_before_the_start_is_refused()
    {
        var (session, people) = await SessionAsync(Factory, 1, startsIn: TimeSpan.FromMinutes(20));
        var api = await ApiAsync(Factory, "demo-admin");

        var (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = people });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("セッション開始", (string)body!["detail"]!);
        Assert.Empty(Factory.Events.Of<WorkshopCompleted>());
    }

    [Fact]
    public async Task WorkshopCompleted_carries_the_team_and_its_artefacts()
    {
        var (session, people) = await SessionAsync(Factory, 2);
        var team = Guid.NewGuid();
        var artefacts = new[] { Guid.NewGuid(), Guid.NewGuid() };
        await WorkshopsDb(Factory, db =>
        {
            db.Teams.Add(new Team { Id = team, SessionId = session, Number = 1, Name = "チーム1", CreatedAt = DateTimeOffset.UtcNow });
            db.TeamMembers.Add(new TeamMember { TeamId = team, SessionId = session, StaffId = people[0] });
            db.Artefacts.Add(new Artefact { Id = artefacts[0], TeamId = team, Kind = ArtefactKind.Persona, ContentJson = "{}", UpdatedAt = DateTimeOffset.UtcNow });
            db.Artefacts.Add(new Artefact { Id = artefacts[1], TeamId = team, Kind = ArtefactKind.Journey, ContentJson = "{}", UpdatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        var api = await ApiAsync(Factory, "demo-admin");
        await PresentAsync(api, session, [.. people]);

        await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = people });

        var events = Factory.Events.Of<WorkshopCompleted>().ToDictionary(e => e.StaffId);
        Assert.Equal(team, events[people[0]].TeamId);
        Assert.Equal(artefacts, events[people[0]].ArtefactIds!);
        Assert.Null(events[people[1]].TeamId);
        Assert.Empty(events[people[1]].ArtefactIds ?? []);
        Assert.Equal(team, await WorkshopsDb(Factory, db => db.SignOffs.Where(s => s.StaffId == people[0]).Select(s => s.TeamId).SingleAsync()));
    }

    [Fact]
    public async Task A_reversal_takes_the_completion_back_is_audited_and_the_person_can_be_signed_off_again()
    {
        var (session, people) = await SessionAsync(Factory, 2);
        var person = people[0];
        var api = await ApiAsync(Factory, "demo-admin");
        var admin = await WorkshopFixture.StaffIdAsync(Factory, "demo-admin");
        await PresentAsync(api, session, [.. people]);
        await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = people });
        Assert.Equal(1, await CompletionsAsync(Factory, person));

        var (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff/reversals", new { staffId = person, reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("理由", (string)body!["detail"]!);
        (response, _) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff/reversals", new { staffId = person, reason = new string('あ', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await CompletionsAsync(Factory, person));

        (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff/reversals", new { staffId = person, reason = "別の人と取り違えた" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)body!["alreadyReversed"]!);
        Assert.Equal(0, await CompletionsAsync(Factory, person));
        Assert.Equal(1, await CompletionsAsync(Factory, people[1]));
        var reversed = Assert.Single(Factory.Events.Of<WorkshopSignOffReversed>());
        Assert.Equal((person, WorkshopFixture.WorkshopId, session, admin, "別の人と取り違えた"), (reversed.StaffId, reversed.ActivityId, reversed.SessionId, reversed.ReversedBy!.Value, reversed.Reason));
        var row = await WorkshopsDb(Factory, db => db.SignOffs.AsNoTracking().SingleAsync(s => s.StaffId == person));
        Assert.Equal((admin, "別の人と取り違えた"), (row.ReversedBy!.Value, row.ReversalReason));
        Assert.Contains(await AuditAsync(Factory, session), a => a.Action == "signoff.reversed" && a.StaffId == person && a.ActorStaffId == admin && a.Detail == "別の人と取り違えた");
        var log = await (await SiteClient.SignInAsync(Factory, "demo-admin")).GetStringAsync($"/facilitate/sessions/{session}/audit");
        Assert.Contains("参加確認を取り消し", log);
        Assert.Contains("別の人と取り違えた", log);

        // Twice: nothing more happens.
        (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff/reversals", new { staffId = person, reason = "もう一度" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((bool)body!["alreadyReversed"]!);
        Assert.Single(Factory.Events.Of<WorkshopSignOffReversed>());
        (response, _) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff/reversals", new { staffId = Guid.NewGuid(), reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // Signed off again later: completed once more, one more event.
        (response, body) = await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = new[] { person } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([person], Ids(body!["signedOff"]));
        Assert.Equal(1, await CompletionsAsync(Factory, person));
        Assert.Equal(2, Factory.Events.Of<WorkshopCompleted>().Count(e => e.StaffId == person));
        row = await WorkshopsDb(Factory, db => db.SignOffs.AsNoTracking().SingleAsync(s => s.StaffId == person));
        Assert.Null(row.ReversedAt);
        Assert.Equal(2, (await AuditAsync(Factory, session)).Count(a => a.Action == "signoff" && a.StaffId == person));
    }

    [Fact]
    public async Task A_reversal_on_the_page_needs_a_reason()
    {
        var (session, people) = await SessionAsync(Factory, 1);
        var api = await ApiAsync(Factory, "demo-admin");
        await PresentAsync(api, session, people[0]);
        await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = people });
        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = $"/facilitate/sessions/{session}/signoff";

        var response = await SiteClient.PostFormAsync(admin, $"{page}?handler=Reverse", new() { ["staffId"] = people[0].ToString(), ["reason"] = "" }, page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("取り消しの理由を入力してください", await admin.GetStringAsync(page));
        Assert.Equal(1, await CompletionsAsync(Factory, people[0]));

        response = await SiteClient.PostFormAsync(admin, $"{page}?handler=Reverse", new() { ["staffId"] = people[0].ToString(), ["reason"] = "欠席だった" }, page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await CompletionsAsync(Factory, people[0]));
        var html = await admin.GetStringAsync(page);
        Assert.Contains("取り消した参加確認", html);
        Assert.Contains("欠席だった", html);
        // Offered again for sign-off (present, no standing sign-off).
        Assert.NotNull(new HtmlParser().ParseDocument(html).QuerySelector($"input[name=StaffIds][value='{people[0]}']"));
    }
}
