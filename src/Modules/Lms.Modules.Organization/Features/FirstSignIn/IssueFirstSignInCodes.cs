using System.Text;
using Lms.Framework.Settings;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Modules.Organization.Identity;
using MediatR;
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
internal sealed record IssueFirstSignInCodes(string Actor) : IRequest<byte[]>;

internal sealed class IssueFirstSignInCodesHandler(OrganizationDbContext db, FirstSignInCodes codes, AuditTrail audit, ISiteSettingsService settings, IStringLocalizer<OrganizationStrings> T)
    : IRequestHandler<IssueFirstSignInCodes, byte[]>
{
    public async Task<byte[]> Handle(IssueFirstSignInCodes request, CancellationToken cancellationToken)
    {
        var timeZone = (await settings.GetAsync(cancellationToken)).TimeZone;
        var chart = await OrgChart.LoadAsync(db, cancellationToken);
        var people = await (from u in db.Users
                            join s in db.Staff on u.StaffId equals s.Id
                            where u.IsActive && u.PasswordHash == null
                            orderby s.EmployeeNumber
                            select new { User = u, Staff = s }).ToListAsync(cancellationToken);
        var csv = new StringBuilder();
        csv.Append("職員番号,氏名,所属,初回サインインコード,有効期限\r\n");
        foreach (var p in people)
        {
            var (code, expiresAt) = await codes.IssueAsync(p.User);
            var unit = chart.Find(p.Staff.OrgUnitId)?.Unit.Path ?? "";
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{p.Staff.EmployeeNumber},{p.Staff.FullName},{unit},{code},{TimeZoneInfo.ConvertTime(expiresAt, timeZone):yyyy/MM/dd HH:mm}\r\n");
        }

        audit.Record("account.codes-issued", "roster", null, T["First sign-in codes issued for {0} people without a password", people.Count], request.Actor);
        await db.SaveChangesAsync(cancellationToken);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }
}
