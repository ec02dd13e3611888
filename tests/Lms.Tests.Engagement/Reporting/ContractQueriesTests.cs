using System.Net;
using Lms.Contracts.Certificates;
using Lms.Contracts.Gamification;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Contracts.Workshops;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Features.Issue;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Features.ManageOrgUnits;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Tests.Certificates;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Reporting;

/// <summary>The read-only queries the reports are built on, each answered by the module that owns the data, through the mediator.</summary>
public sealed class ContractQueriesTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string Section = "企画部/デジタル推進課";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
        await Factory.FlushDeferredWorkAsync();
        Factory.Events.Clear();
    }

    private Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request) =>
        Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(request));

    /// <summary>The Learning tests' course, assigned to the general tier (what <see cref="WorkshopFixture.SetUpAsync"/> adds to the demo city).</summary>
    private async Task CourseAsync()
    {
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe());
        await Factory.FlushDeferredWorkAsync();
        Factory.Events.Clear();
    }

    private static string UnitAssignment(string dueDate) =>
        $$"""{"course": "t-general", "audience": "orgUnit", "orgUnit": "{{Section}}", "dueDate": "{{dueDate}}"}""";

    private Task<List<(Guid Id, string Path)>> UnitsUnderAsync(string path) =>
        Factory.WithScopeAsync(async sp => (await sp.GetRequiredService<OrganizationDbContext>().OrgUnits.AsNoTracking()
                .Where(u => u.Path == path || u.Path.StartsWith(path + "/"))
                .Select(u => new { u.Id, u.Path }).ToListAsync())
            .Select(u => (u.Id, u.Path)).OrderBy(u => u.Path, StringComparer.Ordinal).ToList());

    [Fact]
    public async Task GetManagedUnits_returns_the_managed_unit_and_its_children_in_path_order_each_once_and_follows_changes_at_once()
    {
        var manager = await WorkshopFixture.StaffIdAsync(Factory, "demo-manager");

        var units = await SendAsync(new GetManagedUnits(manager));

        Assert.Equal([Section, $"{Section}/デジタル戦略係", $"{Section}/業務改革係"], units.Select(u => u.Path));
        Assert.Equal((await UnitsUnderAsync(Section)).Select(u => u.Id), units.Select(u => u.Id));
        Assert.Empty(await SendAsync(new GetManagedUnits(await WorkshopFixture.StaffIdAsync(Factory, "demo-staff"))));
        Assert.Empty(await SendAsync(new GetManagedUnits(Guid.NewGuid())));

        // Made manager of the department above as well: the section's units are reached twice and listed once.
        var (department, employeeNumber) = await Factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            return (await db.OrgUnits.Where(u => u.Path == "企画部").Select(u => u.Id).SingleAsync(),
                await db.Staff.Where(s => s.Id == manager).Select(s => s.EmployeeNumber).SingleAsync());
        });
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new ManageOrgUnits.SetManagers(department, [employeeNumber])));

        var wider = await SendAsync(new GetManagedUnits(manager));

        var expected = await UnitsUnderAsync("企画部");
        Assert.True(expected.Count > 3);
        Assert.Equal(expected.Select(u => (u.Id, u.Path)), wider.Select(u => (u.Id, u.Path)));
        Assert.Equal(wider.Count, wider.Select(u => u.Id).Distinct().Count());
    }

    [Fact]
    public async Task Assigning_a_course_to_a_unit_publishes_EnrolmentsChanged_for_the_people_enrolled_and_a_new_due_date_does_too()
    {
        var manager = await WorkshopFixture.StaffIdAsync(Factory, "demo-manager");
        var expected = (await SendAsync(new GetTeamMembers(manager))).Append(manager).Order().ToList();

        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(audience: UnitAssignment("2027-03-31")));
        await Factory.FlushDeferredWorkAsync();

        var enrolled = await AttendanceHelpers.Learning(Factory, db => db.Enrolments.Where(e => e.CourseId == GameFixture.CourseId && e.WithdrawnAt == null).Select(e => e.StaffId).ToListAsync());
        Assert.Equal(expected, enrolled.Order());
        var events = Factory.Events.Of<EnrolmentsChanged>();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(e.StaffIds.Count, e.StaffIds.Distinct().Count()));
        Assert.All(events, e => Assert.NotEmpty(e.StaffIds));
        Assert.Equal(expected, events.SelectMany(e => e.StaffIds).Distinct().Order());

        // The same assignment with a later due date: the same people, in one event.
        Factory.Events.Clear();
        var assignmentOnly = $$"""{"name": "move-due-date", "steps": [{"name": "course-assignments", "assignments": [{{UnitAssignment("2027-06-30")}}]}]}""";
        await Factory.RunRecipeJsonAsync(assignmentOnly);

        var moved = Assert.Single(Factory.Events.Of<EnrolmentsChanged>());
        Assert.Equal(expected, moved.StaffIds.Order());
        Assert.Equal([new DateOnly(2027, 6, 30)], await AttendanceHelpers.Learning(Factory, db => db.Enrolments.Where(e => e.CourseId == GameFixture.CourseId).Select(e => e.DueDate).Distinct().ToListAsync()));

        // Nothing changes the second time: no event for an empty batch.
        Factory.Events.Clear();
        await Factory.RunRecipeJsonAsync(assignmentOnly);
        await Factory.FlushDeferredWorkAsync();
        Assert.Empty(Factory.Events.Of<EnrolmentsChanged>());
    }

    [Fact]
    public async Task GetSurveyResponses_returns_the_survey_answers_by_instrument_and_leaves_reflections_out()
    {
        await CourseAsync();
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await GameFixture.CompleteCourseAsync(await ApiAsync(Factory, "demo-staff")); // a reflection and the survey (m1 = 4, m2 = 5)
        var row = await AttendanceHelpers.Learning(Factory, db => db.Responses.AsNoTracking().SingleAsync(r => r.StaffId == me && r.ActivityId == GameFixture.ActivityId("sv")));

        var mine = Assert.Single(await SendAsync(new GetSurveyResponses([me, me])));

        Assert.Equal((me, GameFixture.CourseId, GameFixture.ActivityId("sv"), "step0-mindset", "pre", row.SubmittedAt),
            (mine.StaffId, mine.CourseId, mine.ActivityId, mine.Instrument, mine.Phase, mine.SubmittedAt));
        Assert.Equal([("m1", 4), ("m2", 5)], mine.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)));
        Assert.Equal(2, await AttendanceHelpers.Learning(Factory, db => db.Responses.CountAsync(r => r.StaffId == me))); // the reflection is there, and not a survey
        Assert.Equal([me], (await SendAsync(new GetSurveyResponses())).Select(r => r.StaffId));
        Assert.Equal([me], (await SendAsync(new GetSurveyResponses(null, "step0-mindset"))).Select(r => r.StaffId));
        Assert.Empty(await SendAsync(new GetSurveyResponses([me], "another-instrument")));
        Assert.Empty(await SendAsync(new GetSurveyResponses([Guid.NewGuid()])));
    }

    [Fact]
    public async Task GetWorkshopAttendance_counts_seats_without_the_waiting_list_leaves_reversed_sign_offs_out_and_includes_cancelled_sessions()
    {
        await CourseAsync();
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var people = new[] { me }.Concat((await WorkshopFixture.LearnersAsync(Factory)).Where(id => id != me)).Take(4).ToList();

        // Two seats, three people: the third waits. Then the session runs, both are signed off and one sign-off is reversed.
        var held = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(7), capacity: 2);
        foreach (var person in people.Take(3))
        {
            Assert.True((await WorkshopFixture.RegisterAsync(Factory, held, person)).Succeeded);
        }

        Assert.Equal(RegistrationStatus.Waitlisted, (await RegistrationAsync(Factory, held, people[2])).Status);
        await MoveAsync(Factory, held, TimeSpan.FromMinutes(-10));
        var api = await ApiAsync(Factory, "demo-admin");
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{held}/attendance", new { present = people.Take(2) })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{held}/signoff", new { staffIds = people.Take(2) })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{held}/signoff/reversals", new { staffId = people[0], reason = "別の人と取り違えた" })).Response.StatusCode);

        // A later session with one seat taken, then cancelled.
        var cancelled = await WorkshopFixture.ScheduleAsync(Factory, TimeSpan.FromDays(14), capacity: 5);
        Assert.True((await WorkshopFixture.RegisterAsync(Factory, cancelled, people[3])).Succeeded);
        Assert.True(await Factory.WithScopeAsync(sp => sp.GetRequiredService<SessionEditor>().CancelAsync(cancelled, null, CancellationToken.None)));
        var starts = await WorkshopsDb(Factory, db => db.Sessions.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.StartsAt));

        var sessions = await SendAsync(new GetWorkshopAttendance([cancelled, held]));

        Assert.Equal([held, cancelled], sessions.Select(s => s.SessionId)); // oldest first
        var (first, second) = (sessions[0], sessions[1]);
        Assert.Equal((WorkshopFixture.WorkshopId, GameFixture.CourseId, starts[held], false, 2), (first.ActivityId, first.CourseId, first.StartsAt, first.Cancelled, first.Seated));
        Assert.Equal([people[1]], first.AttendedStaffIds);
        Assert.Equal((WorkshopFixture.WorkshopId, GameFixture.CourseId, starts[cancelled], true, 1), (second.ActivityId, second.CourseId, second.StartsAt, second.Cancelled, second.Seated));
        Assert.Empty(second.AttendedStaffIds);
        Assert.Equal([held, cancelled], (await SendAsync(new GetWorkshopAttendance())).Select(s => s.SessionId));
        Assert.Equal([cancelled], (await SendAsync(new GetWorkshopAttendance([cancelled]))).Select(s => s.SessionId));
        Assert.Empty(await SendAsync(new GetWorkshopAttendance([Guid.NewGuid()])));
    }

    [Fact]
    public async Task GetBadgeAwards_returns_the_badges_held_with_their_names_and_leaves_revoked_awards_out()
    {
        await CourseAsync();
        var badge = await GameFixture.DefineAsync(Factory, "ワークショップ修了", BadgeCriterion.ForWorkshop(WorkshopFixture.WorkshopId));
        var (session, people) = await SessionAsync(Factory, 3);
        var api = await ApiAsync(Factory, "demo-admin");
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{session}/attendance", new { present = people })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(api, $"/api/v1/sessions/{session}/signoff", new { staffIds = people })).Response.StatusCode);
        var awards = await GameFixture.GameDb(Factory, db => db.Awards.AsNoTracking().Where(a => a.BadgeId == badge.Id).ToDictionaryAsync(a => a.StaffId));
        Assert.Equal(people.Order(), awards.Keys.Order());
        await GameFixture.GameDb(Factory, db => db.Awards.Where(a => a.Id == awards[people[0]].Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.RevokedAt, DateTimeOffset.UtcNow).SetProperty(a => a.RevokedReason, "誤って付与")));

        var held = Assert.Single(await SendAsync(new GetBadgeAwards([people[0], people[1]])));

        var award = awards[people[1]];
        Assert.Equal((award.Id, people[1], badge.Id, "ワークショップ修了", award.AwardedAt), (held.AwardId, held.StaffId, held.BadgeId, held.BadgeName, held.AwardedAt));
        var everyone = await SendAsync(new GetBadgeAwards());
        Assert.Equal(new[] { people[1], people[2] }.Order(), everyone.Where(a => a.BadgeId == badge.Id).Select(a => a.StaffId).Order());
        Assert.DoesNotContain(everyone, a => a.AwardId == awards[people[0]].Id);
        Assert.Empty(await SendAsync(new GetBadgeAwards([people[0]])));
    }

    [Fact]
    public async Task GetValidCertificates_leaves_revoked_and_replaced_certificates_out()
    {
        await CourseAsync();
        var me = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var first = await CertificateFixture.CompleteAsync(Factory);
        var learners = (await WorkshopFixture.LearnersAsync(Factory)).Where(id => id != me).ToList();
        var (other, third) = (learners[0], learners[1]);
        var (reissued, kept, revoked) = await Factory.WithScopeAsync(async sp =>
        {
            var issuer = sp.GetRequiredService<CertificateIssuer>();
            var completedAt = DateTimeOffset.UtcNow.AddHours(-1);
            var kept = await issuer.IssueForCourseAsync(other, GameFixture.CourseId, first.CourseVersion!.Value, completedAt, CancellationToken.None);
            var revoked = await issuer.IssueForCourseAsync(third, GameFixture.CourseId, first.CourseVersion!.Value, completedAt, CancellationToken.None);
            Assert.True(await issuer.RevokeAsync(revoked!.Id, "tests", "誤って発行したため", CancellationToken.None));
            var reissued = await issuer.ReissueAsync(first.Id, "tests", "氏名の訂正", CancellationToken.None);
            return (reissued!.Id, kept!.Id, revoked.Id);
        });
        var stored = (await CertificateFixture.CertificatesAsync(Factory)).ToDictionary(c => c.Id);
        Assert.Equal((CertificateStatus.Replaced, CertificateStatus.Revoked), (stored[first.Id].Status, stored[revoked].Status));

        var valid = await SendAsync(new GetValidCertificates([me, other, third]));

        Assert.Equal(new[] { reissued, kept }.Order(), valid.Select(c => c.CertificateId).Order());
        var record = valid.Single(c => c.CertificateId == kept);
        var row = stored[kept];
        Assert.Equal((other, (Guid?)GameFixture.CourseId, (string?)null, row.CompletedOn, row.IssuedAt), (record.StaffId, record.CourseId, record.ProgrammeKey, record.CompletedOn, record.IssuedAt));
        Assert.Equal(me, valid.Single(c => c.CertificateId == reissued).StaffId);
        var everyone = await SendAsync(new GetValidCertificates());
        Assert.Equal(stored.Values.Where(c => c.Status == CertificateStatus.Valid).Select(c => c.Id).Order(), everyone.Select(c => c.CertificateId).Order());
        Assert.DoesNotContain(everyone, c => c.CertificateId == first.Id || c.CertificateId == revoked);
        Assert.Empty(await SendAsync(new GetValidCertificates([third])));
    }
}
