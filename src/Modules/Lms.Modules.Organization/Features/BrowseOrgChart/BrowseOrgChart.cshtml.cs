using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.BrowseOrgChart;

[Authorize(Policy = "ViewOrganization")]
public sealed class BrowseOrgChartModel(OrganizationDbContext db, IMediator mediator, IAuthorizationService authorization) : PageModel
{
    public sealed record Person(Guid Id, string EmployeeNumber, string Name, string UnitName, StaffTier Tier, string? JobTitle);

    private Dictionary<Guid, int> subtreeCounts = [];

    public OrgChart Chart { get; private set; } = null!;
    public OrgChart.Node? Selected { get; private set; }
    public int UnitCount { get; private set; }
    public int ActiveStaffCount { get; private set; }
    public IReadOnlyList<Person> Managers { get; private set; } = [];
    public IReadOnlyList<Person> People { get; private set; } = [];

    public bool CanManage { get; private set; }
    public bool Saved { get; private set; }
    public List<string> Errors { get; } = [];

    public int CountFor(Guid unitId) => subtreeCounts.GetValueOrDefault(unitId);

    public Task<IActionResult> OnPostRenameAsync(Guid id, string? name, CancellationToken ct) =>
        ChangeAsync(id, new ManageOrgUnits.ManageOrgUnits.Rename(id, name), ct);

    public Task<IActionResult> OnPostMoveAsync(Guid id, Guid? parentId, CancellationToken ct) =>
        ChangeAsync(id, new ManageOrgUnits.ManageOrgUnits.Move(id, parentId), ct);

    public async Task<IActionResult> OnPostMergeAsync(Guid id, Guid targetId, CancellationToken ct)
    {
        var result = await ChangeAsync(id, new ManageOrgUnits.ManageOrgUnits.Merge(id, targetId), ct, reloadId: Saved ? targetId : null);
        // The merged unit is gone: show where its people went.
        return Saved ? Redirect($"/admin/org-units/{targetId}") : result;
    }

    public Task<IActionResult> OnPostManagersAsync(Guid id, string? managers, CancellationToken ct) =>
        ChangeAsync(id, new ManageOrgUnits.ManageOrgUnits.SetManagers(id,
            (managers ?? "").Split([',', '、', ';', ' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), ct);

    private async Task<IActionResult> ChangeAsync(Guid id, IRequest<MediatR.Unit> command, CancellationToken ct, Guid? reloadId = null)
    {
        if (!(await authorization.AuthorizeAsync(User, Permissions.ManageOrganization.Name)).Succeeded)
        {
            return Forbid();
        }

        if (!await db.OrgUnits.AnyAsync(u => u.Id == id, ct))
        {
            return NotFound();
        }

        try
        {
            await mediator.Send(command, ct);
            Saved = true;
        }
        catch (FluentValidation.ValidationException e)
        {
            Errors.AddRange(e.Errors.Select(x => x.ErrorMessage).Distinct());
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await OnGetAsync(reloadId ?? id, ct);
    }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Chart = await OrgChart.LoadAsync(db, ct);
        CanManage = (await authorization.AuthorizeAsync(User, Permissions.ManageOrganization.Name)).Succeeded;
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
                          where m.OrgUnitId == id.Value && s.IsActive
                          orderby s.EmployeeNumber
                          select new Person(s.Id, s.EmployeeNumber, s.FamilyName + " " + s.GivenName, "", s.Tier, s.JobTitle)).ToListAsync(ct);
        return Page();
    }
}
