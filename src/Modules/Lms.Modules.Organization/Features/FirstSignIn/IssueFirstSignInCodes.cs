using System.Text;
using Lms.Framework.Settings;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Modules.Organization.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.FirstSignIn;

/// <summary>An audit entry for a code handed out (never the code itself).</summary>
internal sealed record RecordCodeIssued(Guid StaffId, string Actor) : IRequest<Unit>;

internal sealed class RecordCodeIssuedHandler(OrganizationDbContext db, AuditTrail audit, IStringLocalizer<OrganizationStrings> T) : IRequestHandler<RecordCodeIssued, Unit>
{
    public async Task<Unit> Handle(RecordCodeIssued request, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().FirstAsync(s => s.Id == request.StaffId, cancellationToken);
        audit.Record("account.code-issued", "staff", staff.Id, $"{staff.FullName} ({staff.EmployeeNumber}): {T["first sign-in code issued"]}", request.Actor);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Codes for every active person who has no password yet, as a CSV (UTF-8 with BOM) for the admin to
/// print and hand out, e.g. as slips after April's import.
/// </summary>
internal sealed record IssueFirstSignInCodes(string Actor, bool IncludeAdmins) : IRequest<byte[]>;

internal sealed class IssueFirstSignInCodesHandler(OrganizationDbContext db, FirstSignInCodes codes, AuditTrail audit, ISiteSettingsService settings, IStringLocalizer<OrganizationStrings> T)
    : IRequestHandler<IssueFirstSignInCodes, byte[]>
{
    public async Task<byte[]> Handle(IssueFirstSignInCodes request, CancellationToken cancellationToken)
    {
        var timeZone = (await settings.GetAsync(cancellationToken)).TimeZone;
        var chart = await OrgChart.LoadAsync(db, cancellationToken);
        var admins = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Lms.Framework.Security.RoleNames.Admin select ur.UserId).ToListAsync(cancellationToken);
        var people = (await (from u in db.Users.AsNoTracking()
                             join s in db.Staff.AsNoTracking() on u.StaffId equals s.Id
                             where u.IsActive && u.PasswordHash == null
                             orderby s.EmployeeNumber
                             select new { User = u, Staff = s }).ToListAsync(cancellationToken))
            .Where(p => request.IncludeAdmins || !admins.Contains(p.User.Id))
            .ToList();
        var csv = new StringBuilder();
        csv.Append("職員番号,氏名,所属,初回サインインコード,有効期限\r\n");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // All or none: earlier codes are replaced only if every new one is stored.
        var ids = people.Select(p => p.User.Id).ToList();
        await db.UserTokens.Where(t => ids.Contains(t.UserId) && t.LoginProvider == "Lms" && t.Name == "FirstSignInCode").ExecuteDeleteAsync(cancellationToken);
        foreach (var p in people)
        {
            var (code, expiresAt, token) = codes.CreateToken(p.User.Id);
            db.UserTokens.Add(token);
            var unit = chart.Find(p.Staff.OrgUnitId)?.Unit.Path ?? "";
            var expires = TimeZoneInfo.ConvertTime(expiresAt, timeZone).ToString("yyyy/MM/dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            csv.Append(string.Join(',', new[] { p.Staff.EmployeeNumber, p.Staff.FullName, unit, code, expires }.Select(Cell))).Append("\r\n");
        }

        static string Cell(string value)
        {
            // Names come from the HR file: never let Excel run one as a formula, never let a comma shift a column.
            var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
            return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
        }

        audit.Record("account.codes-issued", "roster", null, T["First sign-in codes issued for {0} people without a password", people.Count], request.Actor);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
