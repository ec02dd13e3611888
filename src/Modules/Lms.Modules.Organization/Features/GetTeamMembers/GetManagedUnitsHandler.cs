using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.GetTeamMembers;

internal sealed class GetManagedUnitsHandler(OrganizationDbContext db) : IRequestHandler<Contracts.Organization.GetManagedUnits, IReadOnlyList<OrgUnitSummary>>
{
    public async Task<IReadOnlyList<OrgUnitSummary>> Handle(Contracts.Organization.GetManagedUnits request, CancellationToken cancellationToken)
    {
        var managed = await db.UnitManagers.AsNoTracking().Where(m => m.StaffId == request.ManagerStaffId).Select(m => m.OrgUnitId).ToListAsync(cancellationToken);
        if (managed.Count == 0)
        {
            return [];
        }

        // Subtrees is a set, so a unit reached from two managed units (one above the other) comes once.
        var chart = await OrgChart.LoadAsync(db, cancellationToken);
        return chart.Subtrees(managed)
            .Select(id => chart.Find(id)!.Unit)
            .OrderBy(u => u.Path, StringComparer.Ordinal)
            .Select(u => new OrgUnitSummary(u.Id, u.Path))
            .ToList();
    }
}
