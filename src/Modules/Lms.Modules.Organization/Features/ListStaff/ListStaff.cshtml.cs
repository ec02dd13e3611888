using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.ListStaff;

[Authorize(Policy = "ViewOrganization")]
public sealed class ListStaffModel(OrganizationDbContext db) : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(Guid Id, string EmployeeNumber, string Name, string Kana, string UnitPath, StaffTier Tier, bool IsActive);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Active { get; set; } = true;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OrgChart.UnitInfo> Units { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An explicit "active=" (all) arrives as an empty value; only a missing parameter means the default.
        if (Request.Query.ContainsKey("active") && string.IsNullOrEmpty(Request.Query["active"]))
        {
            Active = null;
        }

        var chart = await OrgChart.LoadAsync(db, ct);
        Units = [.. chart.All.Select(n => n.Unit)];
        var query = db.Staff.AsNoTracking().AsQueryable();
        if (Active is { } active)
        {
            query = query.Where(s => s.IsActive == active);
        }

        if (StaffTierNames.TryParse(Tier, out var tier) && !string.IsNullOrEmpty(Tier))
        {
            query = query.Where(s => s.Tier == tier);
        }

        if (Unit is { } unitId)
        {
            var scope = chart.Subtrees([unitId]).ToList();
            query = query.Where(s => scope.Contains(s.OrgUnitId));
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);
            query = query.Where(s => s.EmployeeNumber == text
                || (s.FamilyName + s.GivenName).Contains(text)
                || (s.FamilyNameKana + s.GivenNameKana).Contains(text));
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var paths = Units.ToDictionary(u => u.Id, u => u.Path);
        Rows = (await query.OrderBy(s => s.EmployeeNumber).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct))
            .Select(s => new Row(s.Id, s.EmployeeNumber, s.FullName, $"{s.FamilyNameKana} {s.GivenNameKana}", paths.GetValueOrDefault(s.OrgUnitId, ""), s.Tier, s.IsActive))
            .ToList();
    }

    public string LinkTo(int page) => QueryHelpers.AddQueryString("/admin/staff", new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["unit"] = Unit?.ToString(),
        ["tier"] = Tier,
        ["active"] = Active?.ToString().ToLowerInvariant() ?? "",
        // "page" is Razor Pages' own route value; it cannot carry the page number.
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
