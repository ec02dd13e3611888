using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Projection;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Reporting;

public sealed class TeamProgressTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task The_read_models_follow_the_events_and_the_team_page_shows_each_persons_status()
    {
        await ReportingFixture.SetUpAsync(Factory);
        await GameFixture.DefineAsync(Factory, "コース修了", Lms.Modules.Gamification.Domain.BadgeCriterion.ForCourse(GameFixture.CourseId));
        var staffId = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var before = Assert.Single(await ReportingFixture.PeopleAsync(Factory, [staffId]));
        Assert.Equal((1, 0, 0), (before.CoursesAssigned, before.CoursesCompleted, before.Percent));

        // demo-staff does the first lesson: in progress, 25% (one of four required activities).
        var api = await ApiAsync(Factory, "demo-staff");
        await GameFixture.CompleteLessonAsync(api);
        await ReportingFixture.RefreshAsync(Factory);
        var enrolment = await ReportingFixture.Db(Factory, db => db.Enrolments.AsNoTracking().SingleAsync(e => e.StaffId == staffId));
        Assert.Equal((4, 1, true, (DateTimeOffset?)null), (enrolment.RequiredCount, enrolment.RequiredDone, enrolment.Started, enrolment.CompletedAt));
        var manager = await SiteClient.SignInAsync(Factory, "demo-manager");
        var page = await manager.GetStringAsync("/team/progress");
        var me = Assert.Single(await ReportingFixture.PeopleAsync(Factory, [staffId]));
        Assert.Contains(me.Name, page, StringComparison.Ordinal);
        Assert.Contains("受講中 25%", page, StringComparison.Ordinal);
        Assert.Contains("チームの進捗", page, StringComparison.Ordinal);

        // ...then the rest: completed, with the date and the certificate once it is issued.
        await GameFixture.CompleteCourseAsync(api);
        await Certificates.CertificateFixture.IssuedAsync(Factory, staffId);
        await ReportingFixture.RefreshAsync(Factory);
        enrolment = await ReportingFixture.Db(Factory, db => db.Enrolments.AsNoTracking().SingleAsync(e => e.StaffId == staffId));
        Assert.NotNull(enrolment.CompletedAt);
        Assert.NotNull(enrolment.CertificateId);
        me = Assert.Single(await ReportingFixture.PeopleAsync(Factory, [staffId]));
        Assert.Equal((1, 1, 100), (me.CoursesCompleted, me.CoursesAssigned, me.Percent));
        Assert.NotNull(me.LastActivityAt);
        Assert.Equal(1, me.Badges); // the course badge

        var json = JsonNode.Parse(await (await ApiAsync(Factory, "demo-manager")).GetStringAsync(
            $"/api/v1/teams/{me.OrgUnitId}/progress?status=completed"))!;
        var person = json["items"]!.AsArray().Single(i => (string)i!["staffId"]! == staffId.ToString())!;
        var course = person["courses"]!.AsArray().Single()!;
        Assert.Equal(("completed", 100, $"/api/v1/certificates/{enrolment.CertificateId}/pdf"), ((string)course["status"]!, (int)course["percent"]!, (string)course["certificateUrl"]!));
    }

    [Fact]
    public async Task A_manager_sees_only_their_own_subtree_and_the_scope_follows_a_change_of_managers()
    {
        await ReportingFixture.SetUpAsync(Factory);
        var managed = await ReportingFixture.ManagedUnitsAsync(Factory, "demo-manager");
        var own = managed[0];
        var foreign = await ReportingFixture.ForeignUnitAsync(Factory);
        var manager = await SiteClient.SignInAsync(Factory, "demo-manager");
        var api = await ApiAsync(Factory, "demo-manager");

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/team/progress?unit={own.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/teams/{own.Id}/progress")).StatusCode);
        foreach (var path in new[] { $"/team/progress?unit={foreign.Id}", $"/team/progress?handler=Csv&unit={foreign.Id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/teams/{foreign.Id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/teams/{foreign.Id}/progress.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/teams/{Guid.NewGuid()}/progress")).StatusCode);

        // Nobody outside the team can be nudged, whatever unit is named.
        var stranger = await ReportingFixture.Db(Factory, db => db.People.AsNoTracking().FirstAsync(p => p.OrgUnitId == foreign.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/v1/teams/{own.Id}/people/{stranger.StaffId}/nudge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiteClient.PostFormAsync(manager, "/team/progress?handler=Nudge", new() { ["staffId"] = stranger.StaffId.ToString() }, "/team/progress")).StatusCode);

        // The page lists the team and nobody else.
        var page = await manager.GetStringAsync("/team/progress");
        Assert.DoesNotContain(stranger.EmployeeNumber + "<", page, StringComparison.Ordinal);

        // Staff: no team view at all. Admins: any unit.
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/team/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ApiAsync(Factory, "demo-staff")).GetAsync($"/api/v1/teams/{own.Id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await ApiAsync(Factory, "demo-admin")).GetAsync($"/api/v1/teams/{foreign.Id}/progress")).StatusCode);

        // An admin makes demo-manager the manager of the foreign unit instead: the scope follows at once.
        var managerId = await WorkshopFixture.StaffIdAsync(Factory, "demo-manager");
        var employeeNumber = (await ReportingFixture.PeopleAsync(Factory, [managerId])).Single().EmployeeNumber;
        await Factory.WithScopeAsync(async sp =>
        {
            var mediator = sp.GetRequiredService<IMediator>();
            foreach (var unit in managed.Where(u => !managed.Any(o => o.Id != u.Id && u.Path.StartsWith(o.Path + "/", StringComparison.Ordinal))))
            {
                await mediator.Send(new Lms.Modules.Organization.Features.ManageOrgUnits.ManageOrgUnits.SetManagers(unit.Id, []));
            }

            await mediator.Send(new Lms.Modules.Organization.Features.ManageOrgUnits.ManageOrgUnits.SetManagers(foreign.Id, [employeeNumber]));
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/teams/{own.Id}/progress")).StatusCode);
        var now = JsonNode.Parse(await api.GetStringAsync($"/api/v1/teams/{foreign.Id}/progress"))!;
        Assert.Contains(now["items"]!.AsArray(), i => (string)i!["staffId"]! == stranger.StaffId.ToString());
    }

    [Fact]
    public async Task Overdue_is_worked_out_from_the_due_date_and_the_filter_and_the_CSV_agree()
    {
        await ReportingFixture.SetUpAsync(Factory, dueInDays: -3);
        var staffId = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        var api = await ApiAsync(Factory, "demo-staff");
        await GameFixture.CompleteCourseAsync(api);
        await ReportingFixture.RefreshAsync(Factory);
        var team = await ReportingFixture.TeamAsync(Factory, "demo-manager");
        var unit = (await ReportingFixture.ManagedUnitsAsync(Factory, "demo-manager"))[0];
        var manager = await ApiAsync(Factory, "demo-manager");

        var overdue = JsonNode.Parse(await manager.GetStringAsync($"/api/v1/teams/{unit.Id}/progress?status=overdue&pageSize=200"))!;
        var items = overdue["items"]!.AsArray();
        Assert.NotEmpty(items);
        Assert.DoesNotContain(items, i => (string)i!["staffId"]! == staffId.ToString()); // completed late is completed
        Assert.All(items, i =>
        {
            var c = i!["courses"]!.AsArray().Single()!;
            Assert.Equal(("overdue", 3), ((string)c["status"]!, (int)c["daysOverdue"]!));
        });

        // The CSV: byte order mark, Japanese header, CRLF, only the overdue rows, the same people.
        var response = await manager.GetAsync($"/api/v1/teams/{unit.Id}/progress.csv?status=overdue");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("職員番号,氏名,氏名（カナ）,所属,職層,コース,状況,進捗率（%）,受講期限,超過日数,修了日,最終学習日,ワークショップ参加数,バッジ数,修了証URL", lines[0]);
        Assert.Equal(items.Count, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",期限超過,", l, StringComparison.Ordinal));
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The whole team in the CSV from the page (all statuses): demo-staff's row says completed.
        var page = await SiteClient.SignInAsync(Factory, "demo-manager");
        var all = Encoding.UTF8.GetString(await page.GetByteArrayAsync("/team/progress?handler=Csv"));
        var me = Assert.Single(await ReportingFixture.PeopleAsync(Factory, [staffId]));
        Assert.Contains($"{me.EmployeeNumber},{me.Name},", all, StringComparison.Ordinal);
        Assert.Contains(",修了,100,", all, StringComparison.Ordinal);
        var teamWithCourse = await ReportingFixture.Db(Factory, db => db.Enrolments.CountAsync(e => team.Contains(e.StaffId) && e.IsActive));
        Assert.Equal(teamWithCourse + 1, all.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_manager_nudges_a_late_colleague_once_a_day()
    {
        await ReportingFixture.SetUpAsync(Factory, dueInDays: -1);
        var team = await ReportingFixture.TeamAsync(Factory, "demo-manager");
        var late = (await ReportingFixture.PeopleAsync(Factory, team)).Where(p => p.CoursesAssigned > 0).OrderBy(p => p.EmployeeNumber).First();
        var manager = await SiteClient.SignInAsync(Factory, "demo-manager");

        var response = await SiteClient.PostFormAsync(manager, "/team/progress?handler=Nudge&status=overdue", new() { ["staffId"] = late.StaffId.ToString() }, "/team/progress?status=overdue");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("status=overdue", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await manager.GetStringAsync(response.Headers.Location!.ToString());
        Assert.Contains($"{late.Name}さんにリマインドを送りました", page, StringComparison.Ordinal);
        Assert.Contains("本日送信済み", page, StringComparison.Ordinal);

        // Again the same day (the page no longer offers it; the API is asked): one reminder.
        var api = await ApiAsync(Factory, "demo-manager");
        var again = JsonNode.Parse(await (await api.PostAsync($"/api/v1/teams/{late.OrgUnitId}/people/{late.StaffId}/nudge", null)).Content.ReadAsStringAsync())!;
        Assert.Equal("already-sent-today", (string)again["status"]!);
        var messages = await Factory.WithScopeAsync(sp => sp.GetRequiredService<Lms.Modules.Notifications.Data.NotificationsDbContext>()
            .Notifications.AsNoTracking().Where(m => m.StaffId == late.StaffId && m.Kind == "nudge").CountAsync());
        Assert.Equal(1, messages);
    }

    [Fact]
    public async Task A_rebuild_gives_exactly_what_the_events_gave_and_repairs_a_damaged_row()
    {
        await ReportingFixture.SetUpAsync(Factory);
        var api = await ApiAsync(Factory, "demo-staff");
        await GameFixture.CompleteCourseAsync(api);
        var staffId = await WorkshopFixture.StaffIdAsync(Factory, "demo-staff");
        await Certificates.CertificateFixture.IssuedAsync(Factory, staffId);
        await ReportingFixture.RefreshAsync(Factory);
        var live = await SnapshotAsync();
        Assert.NotEmpty(live.People);
        Assert.Contains(live.Enrolments, e => e.Contains("|True|", StringComparison.Ordinal)); // someone started
        Assert.NotEmpty(live.Answers); // demo-staff's survey

        // Damage: a wrong total, a missing row, a row for nobody.
        await ReportingFixture.Db(Factory, async db =>
        {
            await db.People.Where(p => p.StaffId == staffId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CoursesCompleted, 7));
            await db.Enrolments.Where(e => e.StaffId == staffId).ExecuteDeleteAsync();
            db.People.Add(new ReportPerson { StaffId = Guid.NewGuid(), Name = "幽霊", UpdatedAt = DateTimeOffset.UtcNow.AddDays(-1) });
            return await db.SaveChangesAsync();
        });
        Assert.NotEqual(live.People, (await SnapshotAsync()).People);

        var summary = await Factory.WithScopeAsync(sp => sp.GetRequiredService<RebuildReportingJob>().RunAsync(CancellationToken.None));
        Assert.Contains("1 people no longer on the roster removed", summary, StringComparison.Ordinal);
        var rebuilt = await SnapshotAsync();
        Assert.Equal(live.People, rebuilt.People);
        Assert.Equal(live.Enrolments, rebuilt.Enrolments);
        Assert.Equal(live.Answers, rebuilt.Answers);
        Assert.Equal(live.Readiness, rebuilt.Readiness);
    }

    /// <summary>Every read-model row as text (UpdatedAt left out: the time of the refresh itself).</summary>
    private async Task<(List<string> People, List<string> Enrolments, List<string> Answers, List<string> Readiness)> SnapshotAsync() =>
        await ReportingFixture.Db(Factory, async db =>
        {
            var people = (await db.People.AsNoTracking().ToListAsync())
                .Select(p => string.Join('|', p.StaffId, p.EmployeeNumber, p.Name, p.NameKana, p.OrgUnitId, p.Tier, p.IsActive, p.CoursesAssigned, p.CoursesCompleted, p.EarliestOpenDue, p.Percent, p.LastActivityAt?.UtcTicks, p.WorkshopsAttended, p.Badges))
                .Order(StringComparer.Ordinal).ToList();
            var enrolments = (await db.Enrolments.AsNoTracking().ToListAsync())
                .Select(e => string.Join('|', e.StaffId, e.CourseId, e.OrgUnitId, e.Tier, e.IsActive, e.DueDate, e.CompletedAt?.UtcTicks, e.RequiredCount, e.RequiredDone, e.Started, e.LastActivityAt?.UtcTicks, e.CertificateId))
                .Order(StringComparer.Ordinal).ToList();
            var answers = (await db.SurveyAnswers.AsNoTracking().ToListAsync())
                .Select(a => string.Join('|', a.StaffId, a.ActivityId, a.ItemKey, a.CourseId, a.Instrument, a.Phase, a.Value, a.OrgUnitId, a.Tier, a.SubmittedAt.UtcTicks))
                .Order(StringComparer.Ordinal).ToList();
            var readiness = (await db.Readiness.AsNoTracking().ToListAsync())
                .Select(r => string.Join('|', r.StaffId, r.Instrument, r.ItemKey, r.OrgUnitId, r.Tier, r.PreSum, r.PreCount, r.PostSum, r.PostCount))
                .Order(StringComparer.Ordinal).ToList();
            return (people, enrolments, answers, readiness);
        });
}
