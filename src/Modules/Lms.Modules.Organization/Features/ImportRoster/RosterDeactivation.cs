using Lms.Contracts.Organization;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// A full import deactivates the active people missing from the file (never deletes them: their learning history
/// stays). The staff table is walked a page at a time in employee-number order, so memory stays flat.
/// </summary>
internal static class RosterDeactivation
{
    /// <summary>People read per page, and written per SaveChanges: the importer's batch size, for the same reason.</summary>
    private const int PageSize = 250;

    public static async Task DeactivateMissingAsync(RosterRun run, RosterKeys keys, CancellationToken ct)
    {
        // Keyset paging: deactivating people as we go cannot shift the pages, as an offset would.
        var after = "";
        while (true)
        {
            var page = await run.Db.Staff.AsNoTracking()
                .Where(s => s.IsActive && string.Compare(s.EmployeeNumber, after) > 0)
                .OrderBy(s => s.EmployeeNumber).Take(PageSize)
                .Select(s => s.EmployeeNumber).ToListAsync(ct);
            if (page.Count == 0)
            {
                return;
            }

            after = page[^1];
            var missing = page.Where(number => !keys.Contains(number)).ToList();
            if (missing.Count > 0)
            {
                await DeactivateAsync(run, missing, ct);
            }
        }
    }

    private static async Task DeactivateAsync(RosterRun run, List<string> employeeNumbers, CancellationToken ct)
    {
        var state = await run.LoadAsync(run.Db.Staff.Where(s => employeeNumbers.Contains(s.EmployeeNumber)), ct);
        foreach (var member in state.Staff.Values)
        {
            run.Track(member);
            member.IsActive = false;
            member.UpdatedAt = run.Now;
            if (state.Users.TryGetValue(member.Id, out var account))
            {
                run.SyncAccount(account, member, wasActive: true);
                run.SyncManagedUnits(state, member, [], account);
            }

            run.Deactivated++;
            run.Events.Add(new StaffChanged(member.Id, member.OrgUnitId, member.Tier, false));
            run.Audit.Record("staff.deactivated", "staff", member.Id, $"{member.FullName} ({member.EmployeeNumber}): {run.T["not in the full roster"]}", run.Actor);
        }

        await run.FlushAsync(ct);
    }
}
