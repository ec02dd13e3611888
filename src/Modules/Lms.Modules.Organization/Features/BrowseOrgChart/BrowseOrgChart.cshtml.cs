using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.BrowseOrgChart;

[Authorize(Policy = "ViewOrganization")]
public sealed class BrowseOrgChartModel(OrganizationDbContext db) : PageModel
{
    public sealed record Person(Guid Id, string EmployeeNumber, string Name, string UnitName, StaffTier Tier, string? JobTitle);

    private Dictionary<Guid, int> subtreeCounts = [];

    public OrgChart Chart { get; private set; } = null!;
    public OrgChart.Node? Selected { get; private set; }
    public int UnitCount { get; private set; }
    public int ActiveStaffCount { get; private set; }
    public IReadOnlyList<Person> Managers { get; private set; } = [];
    public IReadOnlyList<Person> People { get; private set; } = [];

    public int CountFor(Guid unitId) => subtreeCounts.GetValueOrDefault(unitId);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Chart = await OrgChart.LoadAsync(db, ct);
        var direct = await db.Staff.AsNoTracking().Where(s => s.IsActive).GroupBy(s => s.OrgUnitId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        subtreeCounts = Chart.All.ToDictionary(n => n.Unit.Id, n => n.SelfAndDescendants().Sum(d => direct.GetValueOrDefault(d.Unit.Id)));
        UnitCount = subtreeCounts.Count;
        ActiveStaffCount = direct.Values.Sum();
        if (id is null)
        {
            return Page();
        }

        Selected = Chart.Find(id.Value);
        if (Selected is null)
        {
            return NotFound();
        }

        var scope = Chart.Subtrees([id.Value]).ToList();
        var names = Chart.All.ToDictionary(n => n.Unit.Id, n => n.Unit.Name);
        People = (await db.Staff.AsNoTracking().Where(s => s.IsActive && scope.Contains(s.OrgUnitId))
                .OrderBy(s => s.EmployeeNumber).ToListAsync(ct))
            .OrderBy(s => Chart.Find(s.OrgUnitId)!.Unit.Path, StringComparer.Ordinal).ThenByDescending(s => s.Tier).ThenBy(s => s.EmployeeNumber, StringComparer.Ordinal)
            .Select(s => new Person(s.Id, s.EmployeeNumber, s.FullName, names[s.OrgUnitId], s.Tier, s.JobTitle)).ToList();
        Managers = await (from m in db.UnitManagers.AsNoTracking()
                          join s in db.Staff.AsNoTracking() on m.StaffId equals s.Id
                          where m.OrgUnitId == id.Value
                          orderby s.EmployeeNumber
                          select new Person(s.Id, s.EmployeeNumber, s.FamilyName + " " + s.GivenName, "", s.Tier, s.JobTitle)).ToListAsync(ct);
        return Page();
    }
}
