using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

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
        cache.GetAsync($"organisation:{today:yyyy-MM-dd}", () => ComputeAsync(today, cancellationToken), cancellationToken);

    private async Task<OrganisationReport> ComputeAsync(DateOnly today, CancellationToken cancellationToken)
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
        CompletionRow Row(string key, string label, IEnumerable<Guid> unitsIn, Func<StaffTier, bool> tierIn, Func<Guid, bool> courseIn, bool personCounts)
        {
            var set = unitsIn.ToHashSet();
            var g = groups.Where(x => set.Contains(x.OrgUnitId) && tierIn(x.Tier) && courseIn(x.CourseId)).ToList();
            var p = people.Where(x => set.Contains(x.OrgUnitId) && tierIn(x.Tier)).ToList();
            return new CompletionRow(key, label, p.Sum(x => x.People), g.Sum(x => x.Enrolled), g.Sum(x => x.Completed), personCounts ? p.Sum(x => x.Overdue) : g.Sum(x => x.Overdue), false);
        }

        var allUnits = groups.Select(g => g.OrgUnitId).Concat(people.Select(p => p.OrgUnitId)).Distinct().ToList();
        var total = Row("all", "", allUnits, _ => true, _ => true, personCounts: true);
        var departments = allUnits.GroupBy(u => departmentOf.GetValueOrDefault(u))
            .Select(d => Row(d.Key.Id.ToString(), d.Key.Path ?? "?", d, _ => true, _ => true, personCounts: true))
            .OrderBy(r => r.Label, StringComparer.Ordinal).ToList();
        var tiers = new[] { StaffTier.Executive, StaffTier.Manager, StaffTier.General }
            .Select(t => Row(t.ToApiValue(), t.ToApiValue(), allUnits, x => x == t, _ => true, personCounts: true))
            .Where(r => r.People > 0).ToList();
        var courseRows = groups.Select(g => g.CourseId).Distinct().Where(courses.ContainsKey)
            .OrderBy(c => courses[c].Tiers.Count).ThenBy(c => courses[c].Key, StringComparer.Ordinal)
            .Select(c => Row(c.ToString(), courses[c].Title, allUnits, _ => true, x => x == c, personCounts: false) with
            {
                People = groups.Where(g => g.CourseId == c).Sum(g => g.Enrolled),
            }).ToList();

        var now = clock.GetUtcNow();
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.StartsAt < now)
            .GroupBy(s => s.CourseId)
            .Select(g => new { CourseId = g.Key, Held = g.Count(s => !s.Cancelled && s.Attended > 0), Cancelled = g.Count(s => s.Cancelled), Attended = g.Sum(s => s.Cancelled ? 0 : s.Attended) })
            .ToListAsync(cancellationToken);
        var workshops = sessions.Select(s => new WorkshopRow(s.CourseId, courses.TryGetValue(s.CourseId, out var c) ? c.Title : "?", s.Held, s.Cancelled, s.Attended))
            .OrderBy(w => w.Course, StringComparer.Ordinal).ToList();

        return new OrganisationReport(today, total, Suppress(departments), Suppress(tiers), courseRows.Select(r => r.People < SmallGroups.Minimum ? Blank(r) : r).ToList(), workshops);
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
