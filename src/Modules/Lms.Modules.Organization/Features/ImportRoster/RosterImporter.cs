using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Modules.Organization.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ImportRoster;

internal sealed record ImportOutcome(int Created, int Updated, int Moved, int Deactivated, int Unchanged, IReadOnlyList<RosterError> Errors)
{
    public bool ChangedNothing => Created + Updated + Moved + Deactivated == 0;
}

/// <summary>
/// Applies a roster file that passed its own checks: first the checks that need the database, then
/// every change in one transaction (all or nothing), then the events. Importing the same file twice
/// changes nothing the second time.
/// </summary>
internal sealed class RosterImporter(OrganizationDbContext db, AuditTrail audit, IMediator mediator, IStringLocalizer<OrganizationStrings> T, TimeProvider clock)
{
    /// <summary>Rows written per round trip; the change tracker is emptied after each, so memory stays flat.</summary>
    private const int BatchSize = 1000;

    /// <param name="importId">The import record, whose outcome is written in the same transaction as the changes.</param>
    public async Task<ImportOutcome> ApplyAsync(RosterFile file, bool fullImport, string actor, string fileName, CancellationToken ct, Guid? importId = null)
    {
        // Read without tracking: entities are attached only when they change, a batch at a time.
        var staff = await db.Staff.AsNoTracking().ToDictionaryAsync(s => s.EmployeeNumber, StringComparer.Ordinal, ct);
        var errors = CheckEmails(file, staff);
        errors.AddRange(await CheckAdminsRemainAsync(file, fullImport, staff, ct));
        if (errors.Count > 0)
        {
            return new ImportOutcome(0, 0, 0, 0, 0, errors);
        }

        var now = clock.GetUtcNow();
        var events = new List<MediatR.INotification>();
        int created = 0, updated = 0, moved = 0, deactivated = 0, unchanged = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        ImportOutcome outcome;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var units = await EnsureUnitsAsync(file, now, actor, ct);
            await FlushAsync(ct);

            // Addresses that move between people (even a swap) must be let go before anyone takes them:
            // the unique index is checked statement by statement.
            foreach (var row in file.Rows)
            {
                if (staff.TryGetValue(row.EmployeeNumber, out var holder) && holder.Email is not null && holder.Email != row.Email)
                {
                    Track(holder);
                    holder.Email = null;
                }
            }

            await FlushAsync(ct);
            var users = await db.Users.AsNoTracking().Where(u => u.StaffId != null).ToDictionaryAsync(u => u.StaffId!.Value, ct);
            var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.Ordinal, ct);
            var managerRoleHolders = (await db.UserRoles.Where(ur => ur.RoleId == roleIds[RoleNames.Manager]).Select(ur => ur.UserId).ToListAsync(ct)).ToHashSet();
            var managed = (await db.UnitManagers.AsNoTracking().ToListAsync(ct)).ToLookup(m => m.StaffId);
            var written = 0;
            var unitPaths = units.ToDictionary(u => u.Value, u => u.Key);

            foreach (var row in file.Rows)
            {
                var active = row.Active ?? true;
                var unitId = units[row.OrgUnitPath];
                if (!staff.TryGetValue(row.EmployeeNumber, out var member))
                {
                    member = NewStaff(row, unitId, active, now);
                    db.Staff.Add(member);
                    staff[row.EmployeeNumber] = member;
                    var user = NewAccount(member);
                    db.Users.Add(user);
                    users[member.Id] = user;
                    db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[RoleNames.Staff] });
                    created++;
                    events.Add(new StaffRegistered(member.Id, member.EmployeeNumber, member.OrgUnitId, member.Tier));
                    audit.Record("staff.created", "staff", member.Id, $"{member.FullName} ({member.EmployeeNumber}): {row.OrgUnitPath}", actor);
                }
                else
                {
                    var change = Compare(member, row, unitId, active);
                    if (change is not null)
                    {
                        var wasActive = member.IsActive;
                        var from = unitPaths.GetValueOrDefault(member.OrgUnitId, "?");
                        var mattersToOthers = member.OrgUnitId != unitId || member.Tier != row.Tier || member.IsActive != active;
                        Track(member);
                        Apply(member, row, unitId, active, now);
                        switch (change)
                        {
                            case Change.Deactivated: deactivated++; break;
                            case Change.Moved: moved++; break;
                            default: updated++; break;
                        }

                        if (users.TryGetValue(member.Id, out var account))
                        {
                            SyncAccount(account, member, wasActive);
                        }

                        if (mattersToOthers)
                        {
                            events.Add(new StaffChanged(member.Id, member.OrgUnitId, member.Tier, member.IsActive));
                        }

                        audit.Record("staff.imported", "staff", member.Id, Describe(change.Value, member, from, row.OrgUnitPath), actor);
                    }
                    else if (!file.HasManagedUnitsColumn || SameManagedUnits(managed[member.Id], row, units))
                    {
                        unchanged++;
                    }
                    else
                    {
                        updated++;
                    }
                }

                if ((file.HasManagedUnitsColumn || !active) && users.TryGetValue(member.Id, out var holder))
                {
                    // Someone who is no longer active manages nothing.
                    var wanted = active ? row.ManagedUnitPaths ?? [] : [];
                    SyncManagedUnits(member, wanted, units, managed[member.Id], holder, managerRoleHolders, roleIds[RoleNames.Manager], actor);
                }

                if (++written % BatchSize == 0)
                {
                    await FlushAsync(ct);
                }
            }

            if (fullImport)
            {
                var inFile = file.Rows.Select(r => r.EmployeeNumber).ToHashSet(StringComparer.Ordinal);
                foreach (var member in staff.Values.Where(s => s.IsActive && !inFile.Contains(s.EmployeeNumber)).ToList())
                {
                    Track(member);
                    member.IsActive = false;
                    member.UpdatedAt = now;
                    if (users.TryGetValue(member.Id, out var account))
                    {
                        SyncAccount(account, member, wasActive: true);
                        SyncManagedUnits(member, [], units, managed[member.Id], account, managerRoleHolders, roleIds[RoleNames.Manager], actor);
                    }

                    deactivated++;
                    events.Add(new StaffChanged(member.Id, member.OrgUnitId, member.Tier, false));
                    audit.Record("staff.deactivated", "staff", member.Id, $"{member.FullName} ({member.EmployeeNumber}): {T["not in the full roster"]}", actor);
                    if (++written % BatchSize == 0)
                    {
                        await FlushAsync(ct);
                    }
                }
            }

            audit.Record("roster.imported", "roster", null,
                T["{0}: {1} created, {2} updated, {3} moved, {4} deactivated, {5} unchanged", fileName, created, updated, moved, deactivated, unchanged], actor);
            outcome = new ImportOutcome(created, updated, moved, deactivated, unchanged, []);
            if (importId is { } id)
            {
                // The outcome commits with the changes: after a crash, a re-run sees "succeeded", never "nothing changed".
                var record = await db.RosterImports.FirstAsync(i => i.Id == id, ct);
                record.Status = RosterImportStatus.Succeeded;
                (record.Created, record.Updated, record.Moved, record.Deactivated, record.Unchanged) = (created, updated, moved, deactivated, unchanged);
                record.Message = outcome.ChangedNothing ? T["Nothing changed: the roster was already up to date."] : T["The roster was imported."];
                record.ErrorsJson = "[]";
                record.FinishedAt = now;
            }

            await FlushAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            // Whatever happened, the context goes back to normal for the caller (who records the outcome).
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        foreach (var notification in events)
        {
            await mediator.Publish(notification, CancellationToken.None); // committed: deliver even if the caller has gone
        }

        return outcome;
    }

    /// <summary>Writes what is pending (inside the import's transaction) and forgets it.</summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>An address may not belong to someone else, unless that person gives it up in the same file.</summary>
    private List<RosterError> CheckEmails(RosterFile file, Dictionary<string, StaffMember> staff)
    {
        var owners = staff.Values.Where(s => s.Email != null).ToDictionary(s => s.Email!, s => s.EmployeeNumber, StringComparer.Ordinal);
        var emailInFile = file.Rows.ToDictionary(r => r.EmployeeNumber, r => r.Email, StringComparer.Ordinal);
        // Name the column as the file does (メールアドレス or email).
        var emailColumn = file.Headers.FirstOrDefault(h => RosterFormat.FindColumn(h)?.Field == RosterField.Email) ?? "メールアドレス";
        var errors = new List<RosterError>();
        foreach (var row in file.Rows.Where(r => r.Email is not null))
        {
            if (owners.TryGetValue(row.Email!, out var owner) && owner != row.EmployeeNumber
                && (!emailInFile.TryGetValue(owner, out var ownersNewEmail) || ownersNewEmail == row.Email))
            {
                errors.Add(new RosterError(row.Line, emailColumn, T["The e-mail address {0} is already used by employee {1}.", row.Email!, owner]));
            }
        }

        return errors;
    }

    /// <summary>An HR file must not lock every administrator out of the site.</summary>
    private async Task<List<RosterError>> CheckAdminsRemainAsync(RosterFile file, bool fullImport, Dictionary<string, StaffMember> staff, CancellationToken ct)
    {
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == RoleNames.Admin && u.IsActive
                            select u.StaffId).ToListAsync(ct);
        if (admins.Count == 0 || admins.Any(id => id is null))
        {
            return []; // none yet, or an admin account that is nobody's staff record and so stays
        }

        var rows = file.Rows.ToDictionary(r => r.EmployeeNumber, StringComparer.Ordinal);
        var survivors = staff.Values.Where(s => admins.Contains(s.Id)).Count(s =>
            rows.TryGetValue(s.EmployeeNumber, out var row) ? row.Active ?? true : !fullImport);
        return survivors > 0 ? [] : [new RosterError(0, "", T["This import would deactivate every administrator of the site. Keep at least one of them active in the file."])];
    }

    /// <summary>Every unit a row names (its own or one it manages) exists afterwards, ancestors first.</summary>
    private async Task<Dictionary<string, Guid>> EnsureUnitsAsync(RosterFile file, DateTimeOffset now, string actor, CancellationToken ct)
    {
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.Path, u => u.Id, StringComparer.Ordinal, ct);
        var wanted = file.Rows.SelectMany(r => (r.ManagedUnitPaths ?? []).Append(r.OrgUnitPath)).Distinct(StringComparer.Ordinal);
        foreach (var path in wanted)
        {
            var segments = path.Split('/');
            for (var depth = 0; depth < segments.Length; depth++)
            {
                var current = string.Join('/', segments[..(depth + 1)]);
                if (units.ContainsKey(current))
                {
                    continue;
                }

                var parentId = depth == 0 ? (Guid?)null : units[string.Join('/', segments[..depth])];
                var unit = new OrgUnit
                {
                    Id = Guid.CreateVersion7(),
                    ParentId = parentId,
                    Name = segments[depth],
                    Path = current,
                    Depth = depth,
                    SortOrder = units.Count,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.OrgUnits.Add(unit);
                units[current] = unit.Id;
                audit.Record("unit.created", "unit", unit.Id, current, actor);
            }
        }

        return units;
    }

    private enum Change
    {
        Updated,
        Moved,
        Deactivated,
    }

    private static Change? Compare(StaffMember s, RosterRow r, Guid unitId, bool active)
    {
        if (s.IsActive && !active)
        {
            return Change.Deactivated;
        }

        if (s.OrgUnitId != unitId)
        {
            return Change.Moved;
        }

        var same = s.FamilyName == r.FamilyName && s.GivenName == r.GivenName && s.FamilyNameKana == r.FamilyNameKana && s.GivenNameKana == r.GivenNameKana
            && s.Email == r.Email && s.Tier == r.Tier && s.IsActive == active;
        return same ? null : Change.Updated;
    }

    private static void Apply(StaffMember s, RosterRow r, Guid unitId, bool active, DateTimeOffset now)
    {
        s.FamilyName = r.FamilyName;
        s.GivenName = r.GivenName;
        s.FamilyNameKana = r.FamilyNameKana;
        s.GivenNameKana = r.GivenNameKana;
        s.Email = r.Email;
        s.Tier = r.Tier;
        s.OrgUnitId = unitId;
        s.IsActive = active;
        s.UpdatedAt = now;
    }

    private string Describe(Change change, StaffMember s, string from, string to) => change switch
    {
        Change.Moved => $"{s.FullName} ({s.EmployeeNumber}): {from} → {to}",
        Change.Deactivated => $"{s.FullName} ({s.EmployeeNumber}): {T["no longer active"]}",
        _ => $"{s.FullName} ({s.EmployeeNumber}): {T["details updated"]}",
    };

    private static StaffMember NewStaff(RosterRow r, Guid unitId, bool active, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        EmployeeNumber = r.EmployeeNumber,
        FamilyName = r.FamilyName,
        GivenName = r.GivenName,
        FamilyNameKana = r.FamilyNameKana,
        GivenNameKana = r.GivenNameKana,
        Email = r.Email,
        OrgUnitId = unitId,
        Tier = r.Tier,
        IsActive = active,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// An account without a password, signed in for the first time through the first-sign-in path.
    /// Built directly (not through UserManager) because tens of thousands arrive at once; the fields
    /// UserManager would normalise are set here the same way.
    /// </summary>
    private static LmsUser NewAccount(StaffMember s) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = s.EmployeeNumber,
        NormalizedUserName = s.EmployeeNumber.ToUpperInvariant(),
        Email = s.Email,
        NormalizedEmail = s.Email?.ToUpperInvariant(),
        EmailConfirmed = s.Email is not null,
        StaffId = s.Id,
        IsActive = s.IsActive,
        LockoutEnabled = true,
        SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
    };

    /// <summary>
    /// Attaches an entity read without tracking before it is changed, so that EF compares against the
    /// values as read (Identity's concurrency stamp among them) and writes only what changed.
    /// </summary>
    private void Track<TEntity>(TEntity entity) where TEntity : class
    {
        if (db.Entry(entity).State == EntityState.Detached)
        {
            db.Attach(entity);
        }
    }

    private void SyncAccount(LmsUser user, StaffMember s, bool wasActive)
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

    private static bool SameManagedUnits(IEnumerable<UnitManager> current, RosterRow row, Dictionary<string, Guid> units) =>
        current.Select(m => m.OrgUnitId).ToHashSet().SetEquals((row.ManagedUnitPaths ?? []).Select(p => units[p]));

    private void SyncManagedUnits(StaffMember member, IReadOnlyList<string> paths, Dictionary<string, Guid> units, IEnumerable<UnitManager> current, LmsUser user, HashSet<Guid> managerRoleHolders, Guid managerRoleId, string actor)
    {
        var wanted = paths.Select(p => units[p]).ToHashSet();
        var have = current.ToList();
        if (!have.Select(m => m.OrgUnitId).ToHashSet().SetEquals(wanted))
        {
            var names = units.Where(u => wanted.Contains(u.Value)).Select(u => u.Key).Order(StringComparer.Ordinal);
            audit.Record("unit.managers", "staff", member.Id, $"{member.FullName} ({member.EmployeeNumber}): {T["manages"]} {string.Join(", ", names)}", actor);
        }

        foreach (var gone in have.Where(m => !wanted.Contains(m.OrgUnitId)))
        {
            db.UnitManagers.Remove(gone);
        }

        foreach (var unitId in wanted.Where(id => have.All(m => m.OrgUnitId != id)))
        {
            db.UnitManagers.Add(new UnitManager { StaffId = member.Id, OrgUnitId = unitId });
        }

        // The Manager role follows the file: whoever manages a unit has it, whoever manages none loses it.
        if (wanted.Count > 0 && managerRoleHolders.Add(user.Id))
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = managerRoleId });
        }
        else if (wanted.Count == 0 && managerRoleHolders.Remove(user.Id))
        {
            db.UserRoles.Remove(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = managerRoleId });
        }
    }
}
