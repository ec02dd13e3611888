using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Reporting.Features.TeamProgress;

/// <summary>What the viewer asked for. <see cref="Sort"/>: name (kana), employee, progress, last, due.</summary>
internal sealed record TeamFilter(StaffTier? Tier = null, ProgressStatus? Status = null, Guid? CourseId = null, string Sort = "name", bool Descending = false, int Page = 1, int PageSize = 50)
{
    public static readonly IReadOnlyList<string> Sorts = ["name", "employee", "progress", "last", "due"];
}

internal sealed record CourseRef(Guid Id, string Title);

/// <summary>One person's assigned course as the page shows it.</summary>
internal sealed record CourseCell(Guid CourseId, ProgressStatus Status, int Percent, DateOnly? DueDate, int DaysOverdue, DateTimeOffset? CompletedAt, Guid? CertificateId);

internal sealed record PersonRow(ReportPerson Person, string UnitPath, IReadOnlyDictionary<Guid, CourseCell> Cells);

/// <summary>People of the scope by where they stand (a person is completed when every assigned course is, overdue when any is).</summary>
internal sealed record TeamSummary(int People, int Completed, int InProgress, int NotStarted, int Overdue);

internal sealed record UnitCompletion(Guid UnitId, string Path, int Enrolled, int Completed);

internal sealed record TeamProgressResult(
    DateOnly Today,
    int Total,
    TeamFilter Filter,
    IReadOnlyList<CourseRef> Courses,
    IReadOnlyList<PersonRow> Rows,
    TeamSummary Summary,
    IReadOnlyList<UnitCompletion> ByUnit,
    IReadOnlyList<DateTimeOffset> Completions,
    IReadOnlyList<DateOnly> DueDates,
    IReadOnlyList<(int Attended, int People)> Workshops);

/// <summary>
/// The team view over the read models: one page of people (sorted and paged in the database), their courses, and
/// the figures for the summary and the charts over the whole scope. A fixed number of queries whatever the team's size.
/// </summary>
internal sealed class TeamProgressQuery(ReportingDbContext db, IMediator mediator)
{
    public async Task<TeamProgressResult> RunAsync(TeamScopeResult scope, TeamFilter filter, DateOnly today, bool pageOnly, CancellationToken cancellationToken)
    {
        var inScope = People(scope, filter.Tier);
        var filtered = Filter(inScope, filter, today);
        var page = Math.Max(1, filter.Page);
        var people = await Sort(filtered, filter).Skip((page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        var rows = await RowsAsync(people, scope, today, cancellationToken);
        if (pageOnly)
        {
            var courses = await CoursesAsync(scope, filter.Tier, cancellationToken);
            var count = await filtered.CountAsync(cancellationToken);
            return new TeamProgressResult(today, count, filter with { Page = page }, courses, rows, new TeamSummary(0, 0, 0, 0, 0), [], [], [], []);
        }

        // The summary and the workshop chart in one query: the same counts per number of workshops attended, added up here.
        var groups = await inScope.GroupBy(p => p.WorkshopsAttended).Select(g => new
        {
            Attended = g.Key,
            People = g.Count(),
            Completed = g.Count(p => p.CoursesAssigned > 0 && p.CoursesCompleted == p.CoursesAssigned),
            InProgress = g.Count(p => p.CoursesCompleted < p.CoursesAssigned && p.LastActivityAt != null && !(p.EarliestOpenDue < today)),
            NotStarted = g.Count(p => p.CoursesCompleted < p.CoursesAssigned && p.LastActivityAt == null && !(p.EarliestOpenDue < today)),
            Overdue = g.Count(p => p.EarliestOpenDue < today),
        }).ToListAsync(cancellationToken);
        var summary = new TeamSummary(groups.Sum(g => g.People), groups.Sum(g => g.Completed), groups.Sum(g => g.InProgress), groups.Sum(g => g.NotStarted), groups.Sum(g => g.Overdue));

        // A status filter on the people's own figures selects exactly one of the summary's counts (Filter and the
        // summary share their conditions); only a course filter needs a count of its own.
        var total = filter.CourseId is not null ? await filtered.CountAsync(cancellationToken) : filter.Status switch
        {
            null => summary.People,
            ProgressStatus.Completed => summary.Completed,
            ProgressStatus.InProgress => summary.InProgress,
            ProgressStatus.NotStarted => summary.NotStarted,
            _ => summary.Overdue,
        };

        // The completion by unit, the timeline and (without a course filter) the course list from one read of the
        // scope's enrolments: a few columns per row, a few thousand rows for a department of a thousand.
        var enrolments = await Enrolments(scope, filter)
            .Select(e => new { e.OrgUnitId, e.CourseId, e.CompletedAt, e.DueDate }).ToListAsync(cancellationToken);
        var courseList = filter.CourseId is null
            ? await PublishedAsync(enrolments.Select(e => e.CourseId).Distinct().ToList(), cancellationToken)
            : await CoursesAsync(scope, filter.Tier, cancellationToken);
        var byUnit = enrolments.GroupBy(e => e.OrgUnitId)
            .Select(g => new { Unit = g.Key, Enrolled = g.Count(), Completed = g.Count(e => e.CompletedAt != null) }).ToList();
        var paths = scope.Units.ToDictionary(u => u.Id, u => u.Path);
        if (byUnit.Any(u => !paths.ContainsKey(u.Unit)))
        {
            paths = (await mediator.Send(new GetOrgUnits(), cancellationToken)).ToDictionary(u => u.Id, u => u.Path);
        }

        return new TeamProgressResult(
            today,
            total,
            filter with { Page = page },
            courseList,
            rows,
            summary,
            byUnit.Select(u => new UnitCompletion(u.Unit, paths.GetValueOrDefault(u.Unit, "?"), u.Enrolled, u.Completed)).OrderBy(u => u.Path, StringComparer.Ordinal).ToList(),
            enrolments.Where(e => e.CompletedAt is not null).Select(e => e.CompletedAt!.Value).Order().ToList(),
            enrolments.Where(e => e.DueDate is not null).Select(e => e.DueDate!.Value).Distinct().Order().ToList(),
            groups.OrderBy(g => g.Attended).Select(g => (g.Attended, g.People)).ToList());
    }

    /// <summary>Every row of the filtered set, in pages of a thousand (for the CSV export).</summary>
    public async IAsyncEnumerable<PersonRow> AllRowsAsync(TeamScopeResult scope, TeamFilter filter, DateOnly today, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filtered = Sort(Filter(People(scope, filter.Tier), filter, today), filter);
        for (var page = 0; ; page++)
        {
            var people = await filtered.Skip(page * 1000).Take(1000).ToListAsync(cancellationToken);
            foreach (var row in await RowsAsync(people, scope, today, cancellationToken))
            {
                yield return row;
            }

            if (people.Count < 1000)
            {
                yield break;
            }
        }
    }

    /// <summary>The active people of the scope (the viewer left out), of one tier if asked.</summary>
    private IQueryable<ReportPerson> People(TeamScopeResult scope, StaffTier? tier)
    {
        var query = db.People.AsNoTracking().Where(p => p.IsActive);
        if (scope.UnitIds is { } units)
        {
            query = query.Where(p => units.Contains(p.OrgUnitId));
        }

        if (scope.ViewerStaffId is { } viewer)
        {
            query = query.Where(p => p.StaffId != viewer);
        }

        if (tier is { } t)
        {
            query = query.Where(p => p.Tier == t);
        }

        return query;
    }

    private IQueryable<ReportEnrolment> Enrolments(TeamScopeResult scope, TeamFilter filter)
    {
        var query = db.Enrolments.AsNoTracking().Where(e => e.IsActive);
        if (scope.UnitIds is { } units)
        {
            query = query.Where(e => units.Contains(e.OrgUnitId));
        }

        if (scope.ViewerStaffId is { } viewer)
        {
            query = query.Where(e => e.StaffId != viewer);
        }

        if (filter.Tier is { } tier)
        {
            query = query.Where(e => e.Tier == tier);
        }

        if (filter.CourseId is { } course)
        {
            query = query.Where(e => e.CourseId == course);
        }

        return query;
    }

    private IQueryable<ReportPerson> Filter(IQueryable<ReportPerson> query, TeamFilter filter, DateOnly today)
    {
        if (filter.CourseId is { } course)
        {
            var enrolments = db.Enrolments.Where(e => e.CourseId == course);
            return filter.Status switch
            {
                ProgressStatus.Completed => query.Where(p => enrolments.Any(e => e.StaffId == p.StaffId && e.CompletedAt != null)),
                ProgressStatus.Overdue => query.Where(p => enrolments.Any(e => e.StaffId == p.StaffId && e.CompletedAt == null && e.DueDate < today)),
                ProgressStatus.InProgress => query.Where(p => enrolments.Any(e => e.StaffId == p.StaffId && e.CompletedAt == null && !(e.DueDate < today) && e.Started)),
                ProgressStatus.NotStarted => query.Where(p => enrolments.Any(e => e.StaffId == p.StaffId && e.CompletedAt == null && !(e.DueDate < today) && !e.Started)),
                _ => query.Where(p => enrolments.Any(e => e.StaffId == p.StaffId)),
            };
        }

        return filter.Status switch
        {
            ProgressStatus.Completed => query.Where(p => p.CoursesAssigned > 0 && p.CoursesCompleted == p.CoursesAssigned),
            ProgressStatus.Overdue => query.Where(p => p.EarliestOpenDue < today),
            ProgressStatus.InProgress => query.Where(p => p.CoursesCompleted < p.CoursesAssigned && p.LastActivityAt != null && !(p.EarliestOpenDue < today)),
            ProgressStatus.NotStarted => query.Where(p => p.CoursesCompleted < p.CoursesAssigned && p.LastActivityAt == null && !(p.EarliestOpenDue < today)),
            _ => query,
        };
    }

    private static IQueryable<ReportPerson> Sort(IQueryable<ReportPerson> query, TeamFilter filter) => (filter.Sort, filter.Descending) switch
    {
        ("employee", false) => query.OrderBy(p => p.EmployeeNumber),
        ("employee", true) => query.OrderByDescending(p => p.EmployeeNumber),
        ("progress", false) => query.OrderBy(p => p.Percent).ThenBy(p => p.NameKana).ThenBy(p => p.EmployeeNumber),
        ("progress", true) => query.OrderByDescending(p => p.Percent).ThenBy(p => p.NameKana).ThenBy(p => p.EmployeeNumber),
        ("last", false) => query.OrderBy(p => p.LastActivityAt == null ? 0 : 1).ThenBy(p => p.LastActivityAt).ThenBy(p => p.EmployeeNumber),
        ("last", true) => query.OrderByDescending(p => p.LastActivityAt).ThenBy(p => p.EmployeeNumber),
        ("due", false) => query.OrderBy(p => p.EarliestOpenDue == null ? 1 : 0).ThenBy(p => p.EarliestOpenDue).ThenBy(p => p.EmployeeNumber),
        ("due", true) => query.OrderByDescending(p => p.EarliestOpenDue).ThenBy(p => p.EmployeeNumber),
        (_, true) => query.OrderByDescending(p => p.NameKana).ThenByDescending(p => p.EmployeeNumber),
        _ => query.OrderBy(p => p.NameKana).ThenBy(p => p.EmployeeNumber),
    };

    /// <summary>The courses assigned to the scope's people (of one tier if asked), the common core first.</summary>
    public async Task<IReadOnlyList<CourseRef>> CoursesAsync(TeamScopeResult scope, StaffTier? tier, CancellationToken cancellationToken)
    {
        // The enrolment rows carry unit, tier and activity themselves: the (OrgUnitId, CourseId) index answers this alone.
        var ids = await Enrolments(scope, new TeamFilter(tier)).Select(e => e.CourseId).Distinct().ToListAsync(cancellationToken);
        return await PublishedAsync(ids, cancellationToken);
    }

    private async Task<IReadOnlyList<CourseRef>> PublishedAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var published = await mediator.Send(new GetPublishedCourses(ids), cancellationToken);

        // The common core first, then tier courses, as learners take them.
        return published.OrderBy(c => c.Tiers.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new CourseRef(c.Id, c.Title)).ToList();
    }

    private async Task<List<PersonRow>> RowsAsync(List<ReportPerson> people, TeamScopeResult scope, DateOnly today, CancellationToken cancellationToken)
    {
        if (people.Count == 0)
        {
            return [];
        }

        var ids = people.Select(p => p.StaffId).ToList();
        var enrolments = (await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.StaffId)).ToListAsync(cancellationToken)).ToLookup(e => e.StaffId);
        var paths = scope.Units.ToDictionary(u => u.Id, u => u.Path);
        if (people.Any(p => !paths.ContainsKey(p.OrgUnitId)))
        {
            paths = (await mediator.Send(new GetOrgUnits(), cancellationToken)).ToDictionary(u => u.Id, u => u.Path);
        }

        return people.Select(p => new PersonRow(p, paths.GetValueOrDefault(p.OrgUnitId, ""), enrolments[p.StaffId].ToDictionary(e => e.CourseId, e => Cell(e, today)))).ToList();
    }

    internal static CourseCell Cell(ReportEnrolment e, DateOnly today) => new(
        e.CourseId,
        ProgressStatuses.Of(e.CompletedAt, e.DueDate, e.Started, today),
        ProgressStatuses.Percent(e.RequiredDone, e.RequiredCount, e.CompletedAt is not null),
        e.DueDate,
        ProgressStatuses.DaysOverdue(e.CompletedAt, e.DueDate, today),
        e.CompletedAt,
        e.CertificateId);
}
