using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Modules.Organization.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// One apply of a roster inside its transaction: what its steps share (the units, the roles, the counts, the
/// events to publish after the commit) and the writes they have in common.
/// </summary>
internal sealed class RosterRun(OrganizationDbContext db, AuditTrail audit, IStringLocalizer<OrganizationStrings> localizer,
    RosterUnits units, Guid staffRoleId, Guid managerRoleId, string actor, DateTimeOffset now)
{
    public OrganizationDbContext Db { get; } = db;
    public AuditTrail Audit { get; } = audit;
    public IStringLocalizer<OrganizationStrings> T { get; } = localizer;
    public RosterUnits Units { get; } = units;
    public Guid StaffRoleId { get; } = staffRoleId;
    public string Actor { get; } = actor;
    public DateTimeOffset Now { get; } = now;

    public int Created { get; set; }
    public int Updated { get; set; }
    public int Moved { get; set; }
    public int Deactivated { get; set; }
    public int Unchanged { get; set; }

    /// <summary>Small records (ids, a tier, a flag), so even 50,000 of them are a few megabytes.</summary>
    public List<INotification> Events { get; } = [];

    public ImportOutcome Outcome => new(Created, Updated, Moved, Deactivated, Unchanged, []);

    /// <summary>Writes what is pending (inside the import's transaction) and forgets it, so memory does not grow with the file.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        Db.ChangeTracker.DetectChanges();
        await Db.SaveChangesAsync(ct);
        Db.ChangeTracker.Clear();
    }

    /// <summary>Reads the stored state of some people (a batch of the file, or people missing from it).</summary>
    public Task<StaffState> LoadAsync(IQueryable<StaffMember> staff, CancellationToken ct) => StaffState.LoadAsync(Db, staff, managerRoleId, ct);

    /// <summary>
    /// Attaches an entity read without tracking before it is changed, so that EF compares against the
    /// values as read (Identity's concurrency stamp among them) and writes only what changed.
    /// </summary>
    public void Track<TEntity>(TEntity entity) where TEntity : class
    {
        if (Db.Entry(entity).State == EntityState.Detached)
        {
            Db.Attach(entity);
        }
    }

    public void SyncAccount(LmsUser user, StaffMember s, bool wasActive)
    {
        Track(user);
        user.IsActive = s.IsActive;
        user.Email = s.Email;
        user.NormalizedEmail = s.Email?.ToUpperInvariant();
        if (wasActive && !s.IsActive)
        {
            // Ends the person's sessions and tokens at their next check.
            user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        }

        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }

    public bool SameManagedUnits(StaffState state, StaffMember member, IReadOnlyList<string>? paths) =>
        state.Managed[member.Id].Select(m => m.OrgUnitId).ToHashSet().SetEquals((paths ?? []).Select(p => Units[p]));

    public void SyncManagedUnits(StaffState state, StaffMember member, IReadOnlyList<string> paths, LmsUser user)
    {
        var wanted = paths.Select(p => Units[p]).ToHashSet();
        var have = state.Managed[member.Id].ToList();
        if (!have.Select(m => m.OrgUnitId).ToHashSet().SetEquals(wanted))
        {
            var names = wanted.Select(Units.PathOf).Order(StringComparer.Ordinal);
            Audit.Record("unit.managers", "staff", member.Id, $"{member.FullName} ({member.EmployeeNumber}): {T["manages"]} {string.Join(", ", names)}", Actor);
        }

        foreach (var gone in have.Where(m => !wanted.Contains(m.OrgUnitId)))
        {
            Db.UnitManagers.Remove(gone);
        }

        foreach (var unitId in wanted.Where(id => have.All(m => m.OrgUnitId != id)))
        {
            Db.UnitManagers.Add(new UnitManager { StaffId = member.Id, OrgUnitId = unitId });
        }

        // The Manager role follows the file: whoever manages a unit has it, whoever manages none loses it.
        if (wanted.Count > 0 && state.ManagerRoleHolders.Add(user.Id))
        {
            Db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = managerRoleId });
        }
        else if (wanted.Count == 0 && state.ManagerRoleHolders.Remove(user.Id))
        {
            Db.UserRoles.Remove(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = managerRoleId });
        }
    }
}
