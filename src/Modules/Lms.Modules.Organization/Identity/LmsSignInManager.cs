using System.Security.Claims;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Organization.Identity;

/// <summary>Refuses accounts of deactivated staff, however correct the password.</summary>
internal sealed class LmsSignInManager(
    UserManager<LmsUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<LmsUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<LmsUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<LmsUser> confirmation)
    : SignInManager<LmsUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(LmsUser user) => user.IsActive && await base.CanSignInAsync(user);
}

/// <summary>Adds the person (staff id, display name) and the permissions of the person's roles to the principal.</summary>
internal sealed class LmsClaimsPrincipalFactory(UserManager<LmsUser> userManager, RoleManager<LmsRole> roleManager, IOptions<IdentityOptions> options, OrganizationDbContext db)
    : UserClaimsPrincipalFactory<LmsUser, LmsRole>(userManager, roleManager, options)
{
    public const string StaffIdClaim = Contracts.Organization.StaffClaims.StaffId;
    public const string DisplayNameClaim = Contracts.Organization.StaffClaims.DisplayName;

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LmsUser user)
    {
        // The base adds role claims and each role's claims, which carry the permissions.
        var identity = await base.GenerateClaimsAsync(user);
        if (user.StaffId is { } staffId)
        {
            identity.AddClaim(new Claim(StaffIdClaim, staffId.ToString()));
            var name = await db.Staff.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.FamilyName + " " + s.GivenName).FirstOrDefaultAsync();
            if (name is not null)
            {
                identity.AddClaim(new Claim(DisplayNameClaim, name));
            }
        }

        // Role claims arrive with the claim type they were stored under; keep only ours distinct.
        foreach (var duplicate in identity.FindAll(PermissionClaims.Type).GroupBy(c => c.Value).SelectMany(g => g.Skip(1)).ToList())
        {
            identity.RemoveClaim(duplicate);
        }

        return identity;
    }
}
