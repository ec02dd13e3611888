using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Reporting.Features.Organisation;

/// <summary>A row of an organisation-wide table; <see cref="Hidden"/> rows carry no figures (fewer than 5 people, or their complement).</summary>
internal sealed record CompletionRow(string Key, string Label, int People, int Enrolled, int Completed, int Overdue, bool Hidden)
{
    public int? Percent => Hidden || Enrolled == 0 ? null : Completed * 100 / Enrolled;
}

internal sealed record WorkshopRow(Guid CourseId, string Course, int Held, int Cancelled, int Attended);

internal sealed record OrganisationReport(DateOnly AsOf, CompletionRow Total, IReadOnlyList<CompletionRow> Departments, IReadOnlyList<CompletionRow> Tiers, IReadOnlyList<CompletionRow> Courses, IReadOnlyList<WorkshopRow> Workshops);

/// <summary>
/// Completion across the organisation by department (the top-level units), tier and course, overdue counts and
/// workshops held: two GROUP BYs over the read models, rolled up in memory along the unit tree. No individuals.
/// </summary>
internal sealed class OrganisationReportQuery(ReportingDbContext db, IMediator mediator, TimeProvider clock, ReportCache cache)
{
    public Task<OrganisationReport> RunAsync(DateOnly today, CancellationToken cancellationToken) =>
        cache.GetAsync($"organisation:{today:yyyy-MM-dd}", (services, ct) => services.GetRequiredService<OrganisationReportQuery>().ComputeAsync(today, ct), cancellationToken);

    internal async Task<OrganisationReport> ComputeAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var groups = await db.Enrolments.AsNoTracking().Where(e => e.IsActive)
            .GroupBy(e => new { e.OrgUnitId, e.Tier, e.CourseId })
            .Select(g => new
            {
                g.Key.OrgUnitId,
                g.Key.Tier,
                g.Key.CourseId,
                Enrolled = g.Count(),
                Completed = g.Count(e => e.CompletedAt != null),
                Overdue = g.Count(e => e.CompletedAt == null && e.DueDate < today),
            })
            .ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive && p.CoursesAssigned > 0)
            .GroupBy(p => new { p.OrgUnitId, p.Tier })
            .Select(g => new { g.Key.OrgUnitId, g.Key.Tier, People = g.Count(), Overdue = g.Count(p => p.EarliestOpenDue < today) })
            .ToListAsync(cancellationToken);

        var units = await mediator.Send(new GetOrgUnits(), cancellationToken);
        var departmentOf = Departments(units);
        var courses = (await mediator.Send(new GetPublishedCourses(), cancellationToken)).ToDictionary(c => c.Id);

        // People are counted once (a person overdue on two courses is one overdue person); courses count enrolments.
        // Each grouped row is added to its department, tier and course once: linear in the rows, whatever the chart's size.
        var byDepartment = new Dictionary<Guid, Tally>();
        var byTier = new Dictionary<StaffTier, Tally>();
        var byCourse = new Dictionary<Guid, Tally>();
        var all = new Tally();

        var departmentPaths = new Dictionary<Guid, string?>();
        foreach (var g in groups)
        {
            var department = departmentOf.DepartmentOf(g.OrgUnitId);
            departmentPaths[department.Id] = department.Path;
            foreach (var tally in new[] { all, byDepartment.At(department.Id), byTier.At(g.Tier) })
            {
                tally.Enrolled += g.Enrolled;
                tally.Completed += g.Completed;
            }

            var course = byCourse.At(g.CourseId);
            course.People += g.Enrolled;
            course.Enrolled += g.Enrolled;
            course.Completed += g.Completed;
            course.Overdue += g.Overdue;
        }

        foreach (var p in people)
        {
            var department = departmentOf.DepartmentOf(p.OrgUnitId);
            departmentPaths[department.Id] = department.Path;
            foreach (var tally in new[] { all, byDepartment.At(department.Id), byTier.At(p.Tier) })
            {
                tally.People += p.People;
                tally.Overdue += p.Overdue;
            }
        }

        var total = all.Row("all", "");
        var departments = byDepartment.Select(d => d.Value.Row(d.Key.ToString(), departmentPaths[d.Key] ?? "?"))
            .OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
        var tiers = new[] { StaffTier.Executive, StaffTier.Manager, StaffTier.General }
            .Where(byTier.ContainsKey).Select(t => byTier[t].Row(t.ToApiValue(), t.ToApiValue()))
            .Where(r => r.People > 0).ToList();
        var courseRows = byCourse.Keys.Where(courses.ContainsKey)
            .OrderBy(c => courses[c].Tiers.Count).ThenBy(c => courses[c].Key, StringComparer.Ordinal)
            .Select(c => byCourse[c].Row(c.ToString(), courses[c].Title)).ToList();

        var now = clock.GetUtcNow();
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.StartsAt < now)
            .GroupBy(s => s.CourseId)
            .Select(g => new { CourseId = g.Key, Held = g.Count(s => !s.Cancelled && s.Attended > 0), Cancelled = g.Count(s => s.Cancelled), Attended = g.Sum(s => s.Cancelled ? 0 : s.Attended) })
            .ToListAsync(cancellationToken);
        var workshops = sessions.Select(s => new WorkshopRow(s.CourseId, courses.TryGetValue(s.CourseId, out var c) ? c.Title : "?", s.Held, s.Cancelled, s.Attended))
            .OrderBy(w => w.Course, StringComparer.Ordinal).ToList();

        return new OrganisationReport(today, total, Suppress(departments), Suppress(tiers), courseRows.Select(r => r.People < SmallGroups.Minimum ? Blank(r) : r).ToList(), workshops);
    }

    /// <summary>Sums for one row of a table.</summary>
    private sealed class Tally
    {
        public int People { get; set; }

        public int Enrolled { get; set; }

        public int Completed { get; set; }

        public int Overdue { get; set; }

        public CompletionRow Row(string key, string label) => new(key, label, People, Enrolled, Completed, Overdue, false);
    }

    /// <summary>Each unit's department: the top-level unit above it (or itself).</summary>
    internal static Dictionary<Guid, (Guid Id, string? Path)> Departments(IReadOnlyList<OrgUnitSummary> units)
    {
        var byPath = units.ToDictionary(u => u.Path, u => u.Id, StringComparer.Ordinal);
        return units.ToDictionary(u => u.Id, u =>
        {
            var top = u.Path.Split('/')[0];
            return byPath.TryGetValue(top, out var id) ? (id, (string?)top) : (u.Id, u.Path);
        });
    }

    private static List<CompletionRow> Suppress(List<CompletionRow> rows)
    {
        var hidden = SmallGroups.Hidden(rows.Select(r => r.People).ToList());
        return rows.Select((r, i) => hidden.Contains(i) ? Blank(r) : r).ToList();
    }

    private static CompletionRow Blank(CompletionRow row) => row with { People = 0, Enrolled = 0, Completed = 0, Overdue = 0, Hidden = true };
}
