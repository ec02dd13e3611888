using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.GetMe;

/// <summary>GET /api/v1/me: the signed-in person.</summary>
internal static class GetMe
{
    public sealed record Query(ClaimsPrincipal User) : IRequest<Me?>;

    public sealed record Me(
        Guid? StaffId,
        string UserName,
        string? EmployeeNumber,
        string? FamilyName,
        string? GivenName,
        string? FamilyNameKana,
        string? GivenNameKana,
        string? Email,
        string? Tier,
        Guid? OrgUnitId,
        string? OrgUnitPath,
        string? JobTitle,
        IReadOnlyList<string> Roles);

    internal sealed class Handler(UserManager<LmsUser> users, OrganizationDbContext db) : IRequestHandler<Query, Me?>
    {
        public async Task<Me?> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await users.GetUserAsync(request.User);
            if (user is null)
            {
                return null;
            }

            var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            var staff = user.StaffId is null
                ? null
                : await (from s in db.Staff.AsNoTracking()
                         join u in db.OrgUnits.AsNoTracking() on s.OrgUnitId equals u.Id
                         where s.Id == user.StaffId
                         select new { Staff = s, UnitPath = u.Path }).FirstOrDefaultAsync(cancellationToken);
            return new Me(
                staff?.Staff.Id,
                user.UserName!,
                staff?.Staff.EmployeeNumber,
                staff?.Staff.FamilyName,
                staff?.Staff.GivenName,
                staff?.Staff.FamilyNameKana,
                staff?.Staff.GivenNameKana,
                staff?.Staff.Email ?? user.Email,
                staff?.Staff.Tier.ToApiValue(),
                staff?.Staff.OrgUnitId,
                staff?.UnitPath,
                staff?.Staff.JobTitle,
                roles);
        }
    }
}
