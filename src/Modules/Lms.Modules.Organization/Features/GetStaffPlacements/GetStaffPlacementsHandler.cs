using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.GetStaffPlacements;

internal sealed class GetStaffPlacementsHandler(OrganizationDbContext db) : IRequestHandler<Contracts.Organization.GetStaffPlacements, IReadOnlyList<StaffPlacement>>
{
    public async Task<IReadOnlyList<StaffPlacement>> Handle(Contracts.Organization.GetStaffPlacements request, CancellationToken cancellationToken)
    {
        var chart = await OrgChart.LoadAsync(db, cancellationToken);
        var query = db.Staff.AsNoTracking();
        if (request.StaffIds is { } ids)
        {
            var wanted = ids.Distinct().ToList();
            query = query.Where(s => wanted.Contains(s.Id));
        }
        else
        {
            query = query.Where(s => s.IsActive);
        }

        var staff = await query.Select(s => new { s.Id, s.Tier, s.OrgUnitId, s.IsActive }).ToListAsync(cancellationToken);
        var ancestries = new Dictionary<Guid, IReadOnlyList<Guid>>();
        return staff.Select(s => new StaffPlacement(s.Id, s.Tier, s.OrgUnitId, Ancestry(s.OrgUnitId), s.IsActive)).ToList();

        IReadOnlyList<Guid> Ancestry(Guid unitId)
        {
            if (!ancestries.TryGetValue(unitId, out var chain))
            {
                var list = new List<Guid>();
                for (var unit = chart.Find(unitId)?.Unit; unit is not null; unit = unit.ParentId is { } parent ? chart.Find(parent)?.Unit : null)
                {
                    list.Add(unit.Id);
                }

                ancestries[unitId] = chain = list;
            }

            return chain;
        }
    }
}

internal sealed class GetOrgUnitsHandler(OrganizationDbContext db) : IRequestHandler<Contracts.Organization.GetOrgUnits, IReadOnlyList<OrgUnitSummary>>
{
    public async Task<IReadOnlyList<OrgUnitSummary>> Handle(Contracts.Organization.GetOrgUnits request, CancellationToken cancellationToken) =>
        await db.OrgUnits.AsNoTracking().OrderBy(u => u.Path).Select(u => new OrgUnitSummary(u.Id, u.Path)).ToListAsync(cancellationToken);
}

internal sealed class FindStaffByUserNameHandler(OrganizationDbContext db) : IRequestHandler<FindStaffByUserName, Guid?>
{
    public async Task<Guid?> Handle(FindStaffByUserName request, CancellationToken cancellationToken)
    {
        var normalized = request.UserName.ToUpperInvariant();
        return await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => u.StaffId).FirstOrDefaultAsync(cancellationToken);
    }
}

internal sealed class GetStaffCardsHandler(OrganizationDbContext db) : IRequestHandler<GetStaffCards, IReadOnlyList<StaffCard>>
{
    public async Task<IReadOnlyList<StaffCard>> Handle(GetStaffCards request, CancellationToken cancellationToken)
    {
        var ids = request.StaffIds.Distinct().ToList();
        return await (from s in db.Staff.AsNoTracking()
                      join u in db.OrgUnits.AsNoTracking() on s.OrgUnitId equals u.Id
                      where ids.Contains(s.Id)
                      select new StaffCard(s.Id, s.FamilyName + " " + s.GivenName, s.EmployeeNumber, u.Path, s.IsActive)).ToListAsync(cancellationToken);
    }
}

internal sealed class GetStaffContactsHandler(OrganizationDbContext db) : IRequestHandler<GetStaffContacts, IReadOnlyList<StaffContact>>
{
    public async Task<IReadOnlyList<StaffContact>> Handle(GetStaffContacts request, CancellationToken cancellationToken)
    {
        var ids = request.StaffIds.Distinct().ToList();
        return await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new StaffContact(s.Id, s.FamilyName + " " + s.GivenName, s.EmployeeNumber, s.Email, s.IsActive))
            .ToListAsync(cancellationToken);
    }
}

internal sealed class FindStaffByEmployeeNumbersHandler(OrganizationDbContext db) : IRequestHandler<FindStaffByEmployeeNumbers, IReadOnlyList<StaffContact>>
{
    public async Task<IReadOnlyList<StaffContact>> Handle(FindStaffByEmployeeNumbers request, CancellationToken cancellationToken)
    {
        var numbers = request.EmployeeNumbers.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<StaffContact>(numbers.Count);
        foreach (var chunk in numbers.Chunk(500))
        {
            found.AddRange(await db.Staff.AsNoTracking().Where(s => chunk.Contains(s.EmployeeNumber))
                .Select(s => new StaffContact(s.Id, s.FamilyName + " " + s.GivenName, s.EmployeeNumber, s.Email, s.IsActive))
                .ToListAsync(cancellationToken));
        }

        return found;
    }
}

internal sealed class GetStaffNamesHandler(OrganizationDbContext db) : IRequestHandler<GetStaffNames, IReadOnlyList<StaffName>>
{
    public async Task<IReadOnlyList<StaffName>> Handle(GetStaffNames request, CancellationToken cancellationToken)
    {
        var found = new List<StaffName>(request.StaffIds.Count);
        foreach (var chunk in request.StaffIds.Distinct().Chunk(1000))
        {
            found.AddRange(await db.Staff.AsNoTracking().Where(s => chunk.Contains(s.Id))
                .Select(s => new StaffName(s.Id, s.EmployeeNumber, s.FamilyName, s.GivenName, s.FamilyNameKana, s.GivenNameKana))
                .ToListAsync(cancellationToken));
        }

        return found;
    }
}
