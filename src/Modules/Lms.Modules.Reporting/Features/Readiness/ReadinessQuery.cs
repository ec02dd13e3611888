using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;
using Lms.Modules.Reporting.Features.Organisation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Reporting.Features.Readiness;

/// <summary>A group's before/after means on the survey's scale and as an index 0–100; null figures when hidden.</summary>
internal sealed record ReadinessGroup(string Key, string Label, int Respondents, double? Before, double? After, double? IndexBefore, double? IndexAfter, bool Hidden)
{
    public double? Change => Before is { } b && After is { } a ? a - b : null;

    public double? IndexChange => IndexBefore is { } b && IndexAfter is { } a ? a - b : null;
}

internal sealed record ReadinessItem(string Key, string Text, double? Before, double? After)
{
    public double? Change => Before is { } b && After is { } a ? a - b : null;
}

internal sealed record ReadinessReport(string Instrument, int Scale, ReadinessGroup Total, IReadOnlyList<ReadinessGroup> Departments, IReadOnlyList<ReadinessGroup> Tiers, IReadOnlyList<ReadinessItem> Items);

/// <summary>
/// The Step-0 readiness index: how the answers to the mindset survey moved from before the course to after it,
/// counting only people who answered both (so the change is the same people's change), per department and tier.
/// Groups of fewer than five respondents are hidden, with their complement; no individual answer ever leaves the
/// database: only sums and counts per group are read (from the per-person read model <see cref="ReportReadiness"/>).
/// </summary>
internal sealed class ReadinessQuery(ReportingDbContext db, IMediator mediator, ReportCache cache)
{
    public const string DefaultInstrument = "step0-mindset";

    public async Task<ReadinessReport?> RunAsync(string? instrument, CancellationToken cancellationToken)
    {
        instrument ??= DefaultInstrument;
        var report = await cache.GetAsync($"readiness:{instrument}", async (services, ct) => new Box(await services.GetRequiredService<ReadinessQuery>().ComputeAsync(instrument, ct)), cancellationToken);
        return report.Report;
    }

    /// <summary>A report or its absence (no published survey), cached alike.</summary>
    private sealed record Box(ReadinessReport? Report);

    internal async Task<ReadinessReport?> ComputeAsync(string instrument, CancellationToken cancellationToken)
    {
        var survey = (await mediator.Send(new GetPublishedCourses(), cancellationToken))
            .SelectMany(c => c.Activities).Select(a => a.Survey).FirstOrDefault(s => s?.Instrument == instrument);
        if (survey is null)
        {
            return null;
        }

        // The read model holds only people who answered both phases, a row each over all items and one per item:
        // sums and counts per unit and tier, and per item, are two GROUP BYs without a join.
        var readiness = db.Readiness.AsNoTracking().Where(r => r.Instrument == instrument);
        var groups = await readiness.Where(r => r.ItemKey == ReportReadiness.AllItems)
            .GroupBy(r => new { r.OrgUnitId, r.Tier })
            .Select(g => new { g.Key.OrgUnitId, g.Key.Tier, People = g.Count(), PreSum = g.Sum(r => (long)r.PreSum), PreCount = g.Sum(r => (long)r.PreCount), PostSum = g.Sum(r => (long)r.PostSum), PostCount = g.Sum(r => (long)r.PostCount) })
            .ToListAsync(cancellationToken);
        var byItem = await readiness.Where(r => r.ItemKey != ReportReadiness.AllItems)
            .GroupBy(r => r.ItemKey)
            .Select(g => new { ItemKey = g.Key, PreSum = g.Sum(r => (long)r.PreSum), PreCount = g.Sum(r => (long)r.PreCount), PostSum = g.Sum(r => (long)r.PostSum), PostCount = g.Sum(r => (long)r.PostCount) })
            .ToListAsync(cancellationToken);

        var departmentOf = OrganisationReportQuery.Departments(await mediator.Send(new GetOrgUnits(), cancellationToken));
        var scale = Math.Max(2, survey.Scale);
        double Index(double mean) => Math.Round((mean - 1) / (scale - 1) * 100, 1);

        // Every grouped row is added to its department and tier once: linear in the rows, whatever the chart's size.
        var all = new Tally();
        var byDepartment = new Dictionary<Guid, Tally>();
        var byTier = new Dictionary<StaffTier, Tally>();
        var departmentPaths = new Dictionary<Guid, string?>();

        foreach (var g in groups)
        {
            var department = departmentOf.DepartmentOf(g.OrgUnitId);
            departmentPaths[department.Id] = department.Path;
            foreach (var tally in new[] { all, byDepartment.At(department.Id), byTier.At(g.Tier) })
            {
                tally.Respondents += g.People;
                tally.Add("pre", g.PreSum, g.PreCount);
                tally.Add("post", g.PostSum, g.PostCount);
            }
        }

        ReadinessGroup Group(string key, string label, Tally tally)
        {
            var before = tally.Mean("pre");
            var after = tally.Mean("post");
            return new ReadinessGroup(key, label, tally.Respondents, before, after, before is { } b ? Index(b) : null, after is { } a ? Index(a) : null, false);
        }

        var total = Group("all", "", all);
        var departments = byDepartment.Where(d => d.Value.Respondents > 0)
            .Select(d => Group(d.Key.ToString(), departmentPaths[d.Key] ?? "?", d.Value))
            .OrderBy(g => g.Label, StringComparer.Ordinal).ToList();
        var tiers = new[] { StaffTier.Executive, StaffTier.Manager, StaffTier.General }.Where(byTier.ContainsKey)
            .Select(t => Group(t.ToApiValue(), t.ToApiValue(), byTier[t])).Where(g => g.Respondents > 0).ToList();

        var hideAll = total.Respondents < SmallGroups.Minimum;
        var items = survey.Items.Select(item =>
        {
            var sums = byItem.FirstOrDefault(i => i.ItemKey == item.Key);
            double? Mean(long sum, long count) => hideAll || count == 0 ? null : Math.Round((double)sum / count, 2);
            return new ReadinessItem(item.Key, item.Text, Mean(sums?.PreSum ?? 0, sums?.PreCount ?? 0), Mean(sums?.PostSum ?? 0, sums?.PostCount ?? 0));
        }).ToList();

        return new ReadinessReport(instrument, scale, hideAll ? Blank(total) : total, Suppress(departments, hideAll), Suppress(tiers, hideAll), items);
    }

    /// <summary>Respondents and answer sums of one group, by phase.</summary>
    private sealed class Tally
    {
        private long preSum;
        private long preCount;
        private long postSum;
        private long postCount;

        public int Respondents { get; set; }

        public void Add(string phase, long sum, long count)
        {
            if (phase == "pre")
            {
                preSum += sum;
                preCount += count;
            }
            else
            {
                postSum += sum;
                postCount += count;
            }
        }

        public double? Mean(string phase)
        {
            var (sum, count) = phase == "pre" ? (preSum, preCount) : (postSum, postCount);
            return count == 0 ? null : Math.Round((double)sum / count, 2);
        }
    }

    private static List<ReadinessGroup> Suppress(List<ReadinessGroup> groups, bool hideAll)
    {
        var hidden = SmallGroups.Hidden(groups.Select(g => g.Respondents).ToList());
        return groups.Select((g, i) => hideAll || hidden.Contains(i) ? Blank(g) : g).ToList();
    }

    private static ReadinessGroup Blank(ReadinessGroup group) => group with { Respondents = 0, Before = null, After = null, IndexBefore = null, IndexAfter = null, Hidden = true };
}
