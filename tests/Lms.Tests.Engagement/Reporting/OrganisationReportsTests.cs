using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Lms.Tests.Workshops.AttendanceHelpers;

namespace Lms.Tests.Reporting;

public sealed class OrganisationReportsTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Theory]
    [InlineData(new[] { 10, 12, 3 }, new[] { 2, 0 })] // one small group: the next smallest goes with it
    [InlineData(new[] { 10, 4, 3 }, new[] { 1, 2 })] // two small groups: nothing to work out
    [InlineData(new[] { 10, 12, 5 }, new int[0])] // five is enough
    [InlineData(new[] { 3 }, new[] { 0 })]
    [InlineData(new[] { 0, 7, 8 }, new int[0])] // empty groups are not shown as hidden
    public void Small_groups_are_hidden_with_their_complement(int[] sizes, int[] hidden) =>
        Assert.Equal(hidden.Order(), SmallGroups.Hidden(sizes).Order());

    /// <summary>The demo history's mindset surveys, before and after, reach the readiness read model through the live refresh, and a rebuild gives the same.</summary>
    [Fact]
    public async Task The_demo_citys_readiness_rows_come_from_its_answers_live_and_after_a_rebuild()
    {
        await Factory.InstallDemoCityAsync();
        await ReportingFixture.RefreshAsync(Factory);
        static string Text(ReportReadiness r) => string.Join('|', r.StaffId, r.Instrument, r.ItemKey, r.OrgUnitId, r.Tier, r.PreSum, r.PreCount, r.PostSum, r.PostCount);
        var (live, answers) = await ReportingFixture.Db(Factory, async db =>
            ((await db.Readiness.AsNoTracking().ToListAsync()).Select(Text).Order(StringComparer.Ordinal).ToList(),
             await db.SurveyAnswers.AsNoTracking().ToListAsync()));

        var respondents = live.Count(r => r.Split('|')[2].Length == 0);
        Assert.True(respondents >= SmallGroups.Minimum, $"{respondents} people answered before and after");
        Assert.Equal(Projector.Readiness(answers).Select(Text).Order(StringComparer.Ordinal), live);
        var json = JsonNode.Parse(await (await ApiAsync(Factory, "demo-admin")).GetStringAsync("/api/v1/reports/readiness"))!;
        Assert.Equal(respondents, (int)json["total"]!["respondents"]!);

        await Factory.WithScopeAsync(sp => sp.GetRequiredService<Lms.Modules.Reporting.Projection.RebuildReportingJob>().RunAsync(CancellationToken.None));
        var rebuilt = await ReportingFixture.Db(Factory, async db => (await db.Readiness.AsNoTracking().ToListAsync()).Select(Text).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(live, rebuilt);
    }

    [Fact]
    public async Task The_organisation_report_adds_up_to_the_read_model_and_only_admins_see_it()
    {
        await ReportingFixture.SetUpAsync(Factory);
        await GameFixture.CompleteCourseAsync(await ApiAsync(Factory, "demo-staff"));
        await ReportingFixture.RefreshAsync(Factory);
        var (enrolled, completed) = await ReportingFixture.Db(Factory, async db =>
            (await db.Enrolments.CountAsync(e => e.IsActive), await db.Enrolments.CountAsync(e => e.IsActive && e.CompletedAt != null)));

        var admin = await ApiAsync(Factory, "demo-admin");
        var json = JsonNode.Parse(await admin.GetStringAsync("/api/v1/reports/organisation"))!;
        Assert.Equal((enrolled, 1), ((int)json["total"]!["enrolled"]!, (int)json["total"]!["completed"]!));
        Assert.Equal(1, completed);
        var departments = json["departments"]!.AsArray();
        Assert.True(departments.Count >= 2);
        var shown = departments.Where(d => !(bool)d!["hidden"]!).Sum(d => (int)d!["enrolled"]!);
        if (departments.Any(d => (bool)d!["hidden"]!))
        {
            Assert.True(shown < enrolled); // hidden departments hold the rest
        }
        else
        {
            Assert.Equal(enrolled, shown);
        }

        var course = Assert.Single(json["courses"]!.AsArray())!;
        Assert.Equal(("テスト一般職コース", enrolled), ((string)course["label"]!, (int)course["enrolled"]!));
        Assert.DoesNotContain("staffId", json.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        var page = await (await SiteClient.SignInAsync(Factory, "demo-admin")).GetStringAsync("/reports/organisation");
        Assert.Contains("全庁の受講状況", page, StringComparison.Ordinal);
        Assert.Contains("部局別", page, StringComparison.Ordinal);
        var csv = await (await SiteClient.SignInAsync(Factory, "demo-admin")).GetByteArrayAsync("/reports/organisation?handler=Csv&table=courses");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        Assert.StartsWith("コース,受講者数,割当数,修了数,修了率（%）,期限超過（件）\r\nテスト一般職コース,", Encoding.UTF8.GetString(csv, 3, csv.Length - 3), StringComparison.Ordinal);

        // Managers and staff: 403 on the pages and the API.
        foreach (var user in new[] { "demo-manager", "demo-staff" })
        {
            var api = await ApiAsync(Factory, user);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/reports/organisation")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/reports/readiness")).StatusCode);
            var client = await SiteClient.SignInAsync(Factory, user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/organisation")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/reports/readiness?handler=Csv")).StatusCode);
        }
    }

    [Fact]
    public async Task The_readiness_index_pairs_before_and_after_and_hides_small_groups_without_exposing_anyone()
    {
        await ReportingFixture.SetUpAsync(Factory);
        var placements = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetStaffPlacements()));
        var units = await Factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetOrgUnits()));
        var departmentOf = Lms.Modules.Reporting.Features.Organisation.OrganisationReportQuery.Departments(units);
        var byDepartment = placements.Where(p => p.IsActive).GroupBy(p => departmentOf[p.OrgUnitId].Id).OrderByDescending(g => g.Count()).Take(3).ToList();
        Assert.True(byDepartment[2].Count() >= 4, "the demo city has three departments of at least four people");

        // Department 1: 7 people answered before (2) and after (4); department 2: 6; department 3: 4 (too few).
        // One more person answered only before: not paired, not counted.
        var rows = new List<ReportSurveyAnswer>();
        void Answer(StaffPlacement p, string phase, int value)
        {
            foreach (var item in new[] { "m1", "m2" })
            {
                rows.Add(new ReportSurveyAnswer
                {
                    StaffId = p.StaffId, ActivityId = StableGuid(phase), ItemKey = item, CourseId = GameFixture.CourseId, Instrument = "step0-mindset",
                    Phase = phase, Value = value, OrgUnitId = p.OrgUnitId, Tier = p.Tier, SubmittedAt = DateTimeOffset.UtcNow,
                });
            }
        }

        foreach (var (group, count) in byDepartment.Zip([7, 6, 4]))
        {
            foreach (var person in group.Take(count))
            {
                Answer(person, "pre", 2);
                Answer(person, "post", 4);
            }
        }

        Answer(byDepartment[0].Skip(7).First(), "pre", 1);
        await ReportingFixture.Db(Factory, async db =>
        {
            db.SurveyAnswers.AddRange(rows);
            db.Readiness.AddRange(Lms.Modules.Reporting.Domain.Projector.Readiness(rows)); // as the refresh writes them
            return await db.SaveChangesAsync();
        });

        var admin = await ApiAsync(Factory, "demo-admin");
        var json = JsonNode.Parse(await admin.GetStringAsync("/api/v1/reports/readiness"))!;
        var total = json["total"]!;
        Assert.Equal((17, 2.0, 4.0, 2.0), ((int)total["respondents"]!, (double)total["before"]!, (double)total["after"]!, (double)total["change"]!));
        Assert.Equal((25.0, 75.0), ((double)total["indexBefore"]!, (double)total["indexAfter"]!)); // (mean − 1) / (5 − 1) × 100
        var departments = json["departments"]!.AsArray().ToDictionary(d => (string)d!["key"]!, d => d!);
        var first = departments[byDepartment[0].Key.ToString()];
        Assert.Equal((false, 7), ((bool)first["hidden"]!, (int)first["respondents"]!));
        // The group of 4 is hidden, and the group of 6 with it (else 17 − 7 − 6 would give the 4 away).
        foreach (var hidden in new[] { byDepartment[1].Key, byDepartment[2].Key })
        {
            var group = departments[hidden.ToString()];
            Assert.True((bool)group["hidden"]!);
            Assert.Null(group["respondents"]);
            Assert.Null(group["after"]);
        }

        // Nothing about a person anywhere: not in the JSON, the page or the CSV.
        var names = await ReportingFixture.PeopleAsync(Factory, rows.Select(r => r.StaffId).Distinct().ToList());
        var client = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = await client.GetStringAsync("/reports/readiness");
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/reports/readiness?handler=Csv"));
        Assert.Contains("5人未満のため非表示", page, StringComparison.Ordinal);
        Assert.Contains("5人未満のため非表示", csv, StringComparison.Ordinal);
        foreach (var text in new[] { json.ToJsonString(), page, csv })
        {
            foreach (var person in names)
            {
                Assert.DoesNotContain(person.StaffId.ToString(), text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(person.Name, text, StringComparison.Ordinal);
                Assert.DoesNotContain(person.EmployeeNumber, text, StringComparison.Ordinal);
            }
        }
    }

    private static Guid StableGuid(string phase) => Lms.Framework.Data.StableGuid.From("test-survey:" + phase);
}
