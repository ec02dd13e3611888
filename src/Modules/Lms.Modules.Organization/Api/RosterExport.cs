using Lms.Framework.Settings;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Modules.Organization.Features.ImportRoster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Api;

/// <summary>The current roster in the import format (UTF-8 with BOM), so an admin can fix it in Excel and load it again.</summary>
internal static class RosterExport
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/roster/export", WriteAsync).RequireAuthorization(Permissions.ManageOrganization.Name).ExcludeFromDescription();
        endpoints.MapGet("/api/v1/admin/roster.csv", WriteAsync).RequireAuthorization(Permissions.ManageOrganization.Name)
            .WithTags("Roster").WithName("ExportRoster").WithSummary("The whole roster in the import format (UTF-8 with BOM).");
    }

    private static async Task WriteAsync(HttpContext context, OrganizationDbContext db, ISiteSettingsService settings, TimeProvider clock)
    {
        var ct = context.RequestAborted;
        var chart = await OrgChart.LoadAsync(db, ct);
        var paths = chart.All.ToDictionary(n => n.Unit.Id, n => n.Unit.Path);
        var managed = (await db.UnitManagers.AsNoTracking().ToListAsync(ct)).ToLookup(m => m.StaffId, m => paths[m.OrgUnitId]);
        var staff = await db.Staff.AsNoTracking().OrderBy(s => s.EmployeeNumber).ToListAsync(ct);
        var rows = staff.Select((s, i) => new RosterRow(i + 2, s.EmployeeNumber, s.FamilyName, s.GivenName, s.FamilyNameKana, s.GivenNameKana,
            s.Email, paths[s.OrgUnitId], s.Tier, s.BirthYear, [.. managed[s.Id].Order(StringComparer.Ordinal)], s.IsActive));

        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), (await settings.GetAsync(ct)).TimeZone);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"roster-{today:yyyyMMdd}.csv\"";
        await RosterWriter.WriteAsync(context.Response.Body, rows, ct);
    }
}
