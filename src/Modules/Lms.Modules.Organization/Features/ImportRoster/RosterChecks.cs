using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// The checks that need the database, run on the keys of a file that passed its own checks and before anything is
/// written, so that a refused import lists every problem at once and changes nothing. Queries go by batches of keys.
/// </summary>
internal sealed class RosterChecks(OrganizationDbContext db, IStringLocalizer<OrganizationStrings> T)
{
    private const int BatchSize = 1000;

    public async Task<List<RosterError>> RunAsync(RosterFile file, RosterKeys keys, bool fullImport, CancellationToken ct)
    {
        var errors = await CheckEmailsAsync(file, keys, ct);
        errors.AddRange(await CheckAdminsRemainAsync(keys, fullImport, ct));
        return errors;
    }

    /// <summary>An address may not belong to someone else, unless that person gives it up in the same file.</summary>
    private async Task<List<RosterError>> CheckEmailsAsync(RosterFile file, RosterKeys keys, CancellationToken ct)
    {
        // Name the column as the file does (メールアドレス or email).
        var emailColumn = file.Headers.FirstOrDefault(h => RosterFormat.FindColumn(h)?.Field == RosterField.Email) ?? "メールアドレス";
        var errors = new List<RosterError>();
        foreach (var batch in keys.Rows.Where(r => r.Value.Email is not null).Chunk(BatchSize))
        {
            var byEmail = batch.ToDictionary(r => r.Value.Email!, StringComparer.Ordinal);
            var emails = byEmail.Keys.ToList();
            var owners = await db.Staff.AsNoTracking().Where(s => s.Email != null && emails.Contains(s.Email))
                .Select(s => new { Email = s.Email!, s.EmployeeNumber }).ToListAsync(ct);
            foreach (var owner in owners)
            {
                var (employeeNumber, row) = byEmail[owner.Email];
                var givenUp = keys.TryGet(owner.EmployeeNumber, out var ownersRow) && ownersRow.Email != owner.Email;
                if (owner.EmployeeNumber != employeeNumber && !givenUp)
                {
                    errors.Add(new RosterError(row.Line, emailColumn, T["The e-mail address {0} is already used by employee {1}.", owner.Email, owner.EmployeeNumber]));
                }
            }
        }

        return [.. errors.OrderBy(e => e.Line)];
    }

    /// <summary>An HR file must not lock every administrator out of the site.</summary>
    private async Task<List<RosterError>> CheckAdminsRemainAsync(RosterKeys keys, bool fullImport, CancellationToken ct)
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

        var adminStaffIds = admins.Select(id => id!.Value).ToList();
        var adminNumbers = await db.Staff.AsNoTracking().Where(s => adminStaffIds.Contains(s.Id)).Select(s => s.EmployeeNumber).ToListAsync(ct);
        var survivors = adminNumbers.Count(number => keys.TryGet(number, out var row) ? row.Active ?? true : !fullImport);
        return survivors > 0 ? [] : [new RosterError(0, "", T["This import would deactivate every administrator of the site. Keep at least one of them active in the file."])];
    }
}
