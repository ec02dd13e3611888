using Lms.Modules.Organization.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Identity;

/// <summary>Staff sign in with whatever they know: user name, employee number or e-mail address.</summary>
public sealed class AccountLookup(UserManager<LmsUser> users, OrganizationDbContext db)
{
    public async Task<LmsUser?> FindAsync(string login, CancellationToken cancellationToken)
    {
        login = login.Trim();
        if (login.Length == 0)
        {
            return null;
        }

        var user = await users.FindByNameAsync(login);
        if (user is not null)
        {
            return user;
        }

        // Staff e-mail addresses are stored in lower case.
        var email = login.ToLowerInvariant();
        var staffId = await db.Staff.AsNoTracking()
            .Where(s => s.EmployeeNumber == login || s.Email == email)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return staffId is null ? null : await db.Users.FirstOrDefaultAsync(u => u.StaffId == staffId, cancellationToken);
    }
}
