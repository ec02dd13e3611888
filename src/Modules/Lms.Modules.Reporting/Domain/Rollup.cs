namespace Lms.Modules.Reporting.Domain;

/// <summary>Helpers of the organisation-wide roll-ups: grouped rows added to their department and tier in one pass.</summary>
internal static class Rollup
{
    /// <summary>The tally kept under <paramref name="key"/>, made on first use.</summary>
    public static TTally At<TKey, TTally>(this Dictionary<TKey, TTally> tallies, TKey key)
        where TKey : notnull
        where TTally : new()
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new TTally();
        }

        return tally;
    }

    /// <summary>A unit's department (see <see cref="Features.Organisation.OrganisationReportQuery.Departments"/>); an empty id and no path for a unit not on the chart.</summary>
    public static (Guid Id, string? Path) DepartmentOf(this IReadOnlyDictionary<Guid, (Guid Id, string? Path)> departments, Guid unit) =>
        departments.TryGetValue(unit, out var department) ? department : (Guid.Empty, null);
}
