using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// Adds and updates the people of the file, matched by employee number, a batch of rows at a time: each batch reads
/// the stored state of its own people only, writes it, and is forgotten. Optional columns that the file leaves out
/// (管理所属, 生年) leave what is stored as it is.
/// </summary>
internal sealed class RosterUpsert(RosterRun run, bool hasManagedUnitsColumn, bool hasBirthYearColumn)
{
    private const int KeyBatchSize = 1000;

    // People whose address was let go before the batches ran: their stored e-mail reads null now, but it did change.
    private readonly HashSet<string> released = new(StringComparer.Ordinal);

    /// <summary>
    /// Addresses that move between people (even a swap, even between rows far apart in the file) are let go before
    /// anyone takes them: the unique index is checked statement by statement.
    /// </summary>
    public async Task ReleaseEmailsAsync(RosterKeys keys, CancellationToken ct)
    {
        foreach (var batch in keys.Rows.Chunk(KeyBatchSize))
        {
            var numbers = batch.Select(r => r.Key).ToList();
            var holders = await run.Db.Staff.AsNoTracking().Where(s => s.Email != null && numbers.Contains(s.EmployeeNumber))
                .Select(s => new { s.Id, s.EmployeeNumber, s.Email }).ToListAsync(ct);
            var letGo = holders.Where(h => keys.TryGet(h.EmployeeNumber, out var row) && row.Email != h.Email).ToList();
            if (letGo.Count > 0)
            {
                var ids = letGo.Select(h => h.Id).ToList();
                await run.Db.Staff.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.Email, (string?)null), ct);
                released.UnionWith(letGo.Select(h => h.EmployeeNumber));
            }
        }
    }

    public async Task ApplyAsync(IReadOnlyList<RosterRow> rows, CancellationToken ct)
    {
        var numbers = rows.Select(r => r.EmployeeNumber).ToList();
        var state = await run.LoadAsync(run.Db.Staff.Where(s => numbers.Contains(s.EmployeeNumber)), ct);
        foreach (var row in rows)
        {
            var active = row.Active ?? true;
            var member = state.Staff.TryGetValue(row.EmployeeNumber, out var stored) ? Update(state, stored, row, active) : Create(state, row, active);
            if ((hasManagedUnitsColumn || !active) && state.Users.TryGetValue(member.Id, out var account))
            {
                // Someone who is no longer active manages nothing.
                run.SyncManagedUnits(state, member, active ? row.ManagedUnitPaths ?? [] : [], account);
            }
        }

        await run.FlushAsync(ct);
    }

    private StaffMember Create(StaffState state, RosterRow row, bool active)
    {
        var member = StaffFromRow.NewStaff(row, run.Units[row.OrgUnitPath], active, run.Now);
        run.Db.Staff.Add(member);
        var user = StaffFromRow.NewAccount(member);
        run.Db.Users.Add(user);
        state.Users[member.Id] = user;
        run.Db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = run.StaffRoleId });
        run.Created++;
        run.Events.Add(new StaffRegistered(member.Id, member.EmployeeNumber, member.OrgUnitId, member.Tier));
        run.Audit.Record("staff.created", "staff", member.Id, $"{member.FullName} ({member.EmployeeNumber}): {row.OrgUnitPath}", run.Actor);
        return member;
    }

    private StaffMember Update(StaffState state, StaffMember member, RosterRow row, bool active)
    {
        var unitId = run.Units[row.OrgUnitPath];
        var birthYear = hasBirthYearColumn ? row.BirthYear : member.BirthYear;
        var change = StaffFromRow.Compare(member, row, unitId, active, birthYear, released.Contains(member.EmployeeNumber));
        if (change is null)
        {
            if (!hasManagedUnitsColumn || run.SameManagedUnits(state, member, row.ManagedUnitPaths))
            {
                run.Unchanged++;
            }
            else
            {
                run.Updated++;
            }

            return member;
        }

        var wasActive = member.IsActive;
        var from = run.Units.PathOf(member.OrgUnitId);
        var mattersToOthers = member.OrgUnitId != unitId || member.Tier != row.Tier || member.IsActive != active;
        run.Track(member);
        StaffFromRow.Apply(member, row, unitId, active, birthYear, run.Now);
        switch (change)
        {
            case StaffChange.Deactivated: run.Deactivated++; break;
            case StaffChange.Moved: run.Moved++; break;
            default: run.Updated++; break;
        }

        if (state.Users.TryGetValue(member.Id, out var account))
        {
            run.SyncAccount(account, member, wasActive);
        }

        if (mattersToOthers)
        {
            run.Events.Add(new StaffChanged(member.Id, member.OrgUnitId, member.Tier, member.IsActive));
        }

        run.Audit.Record("staff.imported", "staff", member.Id, Describe(change.Value, member, from, row.OrgUnitPath), run.Actor);
        return member;
    }

    private string Describe(StaffChange change, StaffMember s, string from, string to) => change switch
    {
        StaffChange.Moved => $"{s.FullName} ({s.EmployeeNumber}): {from} → {to}",
        StaffChange.Deactivated => $"{s.FullName} ({s.EmployeeNumber}): {run.T["no longer active"]}",
        _ => $"{s.FullName} ({s.EmployeeNumber}): {run.T["details updated"]}",
    };
}
