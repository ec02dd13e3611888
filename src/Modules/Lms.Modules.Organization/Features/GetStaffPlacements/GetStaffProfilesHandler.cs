using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.GetStaffPlacements;

internal sealed class GetStaffProfilesHandler(OrganizationDbContext db) : IRequestHandler<GetStaffProfiles, IReadOnlyList<StaffProfile>>
{
    public async Task<IReadOnlyList<StaffProfile>> Handle(GetStaffProfiles request, CancellationToken cancellationToken)
    {
        var ids = request.StaffIds.Distinct().ToList();
        var staff = await (from s in db.Staff.AsNoTracking()
                           join u in db.OrgUnits.AsNoTracking() on s.OrgUnitId equals u.Id
                           where ids.Contains(s.Id)
                           select new { s.Id, Name = s.FamilyName + " " + s.GivenName, u.Path, s.Tier, s.BirthYear, s.IsActive }).ToListAsync(cancellationToken);
        var topNames = staff.Select(s => s.Path.Split('/')[0]).Distinct().ToList();
        var departments = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null && topNames.Contains(u.Name))
            .ToDictionaryAsync(u => u.Name, u => u.Id, cancellationToken);
        return staff.Select(s =>
        {
            var top = s.Path.Split('/')[0];
            return new StaffProfile(s.Id, s.Name, s.Path, departments.GetValueOrDefault(top), top, s.Tier, s.BirthYear, s.IsActive);
        }).ToList();
    }
}

internal sealed class GetStaffInRoleHandler(OrganizationDbContext db) : IRequestHandler<GetStaffInRole, IReadOnlyList<StaffCard>>
{
    public async Task<IReadOnlyList<StaffCard>> Handle(GetStaffInRole request, CancellationToken cancellationToken) =>
        (await (from r in db.Roles.AsNoTracking()
                join ur in db.UserRoles.AsNoTracking() on r.Id equals ur.RoleId
                join user in db.Users.AsNoTracking() on ur.UserId equals user.Id
                join s in db.Staff.AsNoTracking() on user.StaffId equals s.Id
                join u in db.OrgUnits.AsNoTracking() on s.OrgUnitId equals u.Id
                where r.Name == request.Role && s.IsActive
                select new StaffCard(s.Id, s.FamilyName + " " + s.GivenName, s.EmployeeNumber, u.Path, s.IsActive)).ToListAsync(cancellationToken))
        .DistinctBy(c => c.StaffId).OrderBy(c => c.UnitPath, StringComparer.Ordinal).ThenBy(c => c.EmployeeNumber, StringComparer.Ordinal).ToList();
}
