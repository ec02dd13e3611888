using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.GetTeamMembers;

internal sealed class GetTeamMembersHandler(OrganizationDbContext db) : IRequestHandler<Contracts.Organization.GetTeamMembers, IReadOnlyList<Guid>>
{
    public async Task<IReadOnlyList<Guid>> Handle(Contracts.Organization.GetTeamMembers request, CancellationToken cancellationToken)
    {
        var managed = await db.UnitManagers.AsNoTracking().Where(m => m.StaffId == request.ManagerStaffId).Select(m => m.OrgUnitId).ToListAsync(cancellationToken);
        if (managed.Count == 0)
        {
            return [];
        }

        var scope = (await OrgChart.LoadAsync(db, cancellationToken)).Subtrees(managed).ToList();
        return await db.Staff.AsNoTracking()
            .Where(s => s.IsActive && s.Id != request.ManagerStaffId && scope.Contains(s.OrgUnitId))
            .OrderBy(s => s.EmployeeNumber)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
    }
}
