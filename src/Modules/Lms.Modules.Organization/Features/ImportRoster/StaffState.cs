using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// The stored state of a batch of people (at most a thousand): read without tracking, by their keys, so that the
/// import never holds the whole staff table. Entities are attached only when they change.
/// </summary>
internal sealed class StaffState
{
    private StaffState(Dictionary<string, StaffMember> staff, Dictionary<Guid, LmsUser> users, ILookup<Guid, UnitManager> managed, HashSet<Guid> managerRoleHolders)
    {
        Staff = staff;
        Users = users;
        Managed = managed;
        ManagerRoleHolders = managerRoleHolders;
    }

    /// <summary>By employee number; people created in the batch are added.</summary>
    public Dictionary<string, StaffMember> Staff { get; }

    /// <summary>By staff id; accounts created in the batch are added.</summary>
    public Dictionary<Guid, LmsUser> Users { get; }

    /// <summary>The units each person manages, by staff id.</summary>
    public ILookup<Guid, UnitManager> Managed { get; }

    /// <summary>The user ids among <see cref="Users"/> that have the Manager role.</summary>
    public HashSet<Guid> ManagerRoleHolders { get; }

    public static async Task<StaffState> LoadAsync(OrganizationDbContext db, IQueryable<StaffMember> which, Guid managerRoleId, CancellationToken ct)
    {
        var staff = await which.AsNoTracking().ToDictionaryAsync(s => s.EmployeeNumber, StringComparer.Ordinal, ct);
        var staffIds = staff.Values.Select(s => s.Id).ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.StaffId != null && staffIds.Contains(u.StaffId.Value))
            .ToDictionaryAsync(u => u.StaffId!.Value, ct);
        var userIds = users.Values.Select(u => u.Id).ToList();
        var managed = (await db.UnitManagers.AsNoTracking().Where(m => staffIds.Contains(m.StaffId)).ToListAsync(ct)).ToLookup(m => m.StaffId);
        var holders = await db.UserRoles.Where(ur => ur.RoleId == managerRoleId && userIds.Contains(ur.UserId)).Select(ur => ur.UserId).ToListAsync(ct);
        return new StaffState(staff, users, managed, [.. holders]);
    }
}
