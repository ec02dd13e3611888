using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.GetTeamMembers;

internal sealed class GetManagedUnitsHandler(OrganizationDbContext db) : IRequestHandler<Contracts.Organization.GetManagedUnits, IReadOnlyList<OrgUnitSummary>>
{
    public async Task<IReadOnlyList<OrgUnitSummary>> Handle(Contracts.Organization.GetManagedUnits request, CancellationToken cancellationToken)
    {
        // One query on every team page: the managed units and every unit whose path runs below one of them (paths are
        // unique and built from the parents, as OrgUnit.Contains reads them). Distinct, so a unit reached from two
        // managed units (one above the other) comes once.
        var units = await (
            from m in db.UnitManagers.AsNoTracking()
            where m.StaffId == request.ManagerStaffId
            join top in db.OrgUnits.AsNoTracking() on m.OrgUnitId equals top.Id
            from u in db.OrgUnits.AsNoTracking()
            where u.Id == top.Id || u.Path.StartsWith(top.Path + "/")
            select new { u.Id, u.Path }).Distinct().ToListAsync(cancellationToken);
        return units.OrderBy(u => u.Path, StringComparer.Ordinal).Select(u => new OrgUnitSummary(u.Id, u.Path)).ToList();
    }
}
