using System.Security.Claims;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Lms.Modules.Organization.Features.ImportRoster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Organization.Identity.OpenIdConnect;

/// <summary>
/// Turns a person the provider vouched for into a staff member signed in with the site's own cookie, built by the
/// same sign-in manager and claims factory as a password sign-in (roles, permissions, security stamp). Only people
/// on the staff roster get in; nothing is created for anyone else.
/// </summary>
internal sealed class ExternalStaffSignIn(
    OrganizationDbContext db,
    UserManager<LmsUser> users,
    SignInManager<LmsUser> signIn,
    OpenIdConnectSchemes sso,
    AuditTrail audit,
    IStringLocalizer<OrganizationStrings> T,
    ILogger<ExternalStaffSignIn> logger)
{
    public async Task CompleteAsync(TicketReceivedContext context)
    {
        // The handler must not sign in to its own scheme: we answer the callback ourselves.
        context.HandleResponse();
        var outcome = context.Principal is { } principal
            ? await SignInAsync(principal, context.HttpContext.RequestAborted)
            : ExternalSignInOutcome.ProviderFailed;
        context.Response.Redirect(outcome == ExternalSignInOutcome.SignedIn
            ? ExternalSignInOutcomes.SafeReturnUrl(context.ReturnUri)
            : ExternalSignInOutcomes.RefusedPath(outcome));
    }

    public async Task<ExternalSignInOutcome> SignInAsync(ClaimsPrincipal external, CancellationToken ct)
    {
        if (sso.Active is not { } settings)
        {
            return ExternalSignInOutcome.ProviderFailed;
        }

        var claimType = settings.EffectiveClaimType;
        var value = external.FindFirst(claimType)?.Value.Trim();
        if (string.IsNullOrEmpty(value))
        {
            logger.LogWarning("Single sign-on refused: the provider sent no {ClaimType} claim (subject {Subject})", claimType, external.FindFirst("sub")?.Value);
            return ExternalSignInOutcome.MissingClaim;
        }

        // Staff e-mail addresses are stored in lower case.
        var email = value.ToLowerInvariant();
        var staff = settings.Match == StaffMatch.Email
            ? await db.Staff.FirstOrDefaultAsync(s => s.Email == email, ct)
            : await db.Staff.FirstOrDefaultAsync(s => s.EmployeeNumber == value, ct);
        if (staff is null)
        {
            logger.LogWarning("Single sign-on refused: {ClaimType} {Value} is not on the staff roster", claimType, value);
            return ExternalSignInOutcome.NotOnRoster;
        }

        if (!staff.IsActive)
        {
            logger.LogWarning("Single sign-on refused: {EmployeeNumber} has left (inactive on the roster)", staff.EmployeeNumber);
            return ExternalSignInOutcome.Inactive;
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.StaffId == staff.Id, ct);
        if (user is null)
        {
            if (!settings.AutoCreateAccounts)
            {
                logger.LogWarning("Single sign-on refused: {EmployeeNumber} has no sign-in account and AutoCreateAccounts is off", staff.EmployeeNumber);
                return ExternalSignInOutcome.NoAccount;
            }

            user = await CreateAccountAsync(staff);
            if (user is null)
            {
                return ExternalSignInOutcome.NoAccount;
            }
        }

        if (!await signIn.CanSignInAsync(user))
        {
            logger.LogWarning("Single sign-on refused: the account of {EmployeeNumber} is deactivated", staff.EmployeeNumber);
            return ExternalSignInOutcome.Inactive;
        }

        if (await users.IsLockedOutAsync(user))
        {
            logger.LogWarning("Single sign-on refused: the account of {EmployeeNumber} is locked", staff.EmployeeNumber);
            return ExternalSignInOutcome.LockedOut;
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: OpenIdConnectSetup.Scheme);
        logger.LogInformation("{UserName} signed in through single sign-on", user.UserName);
        return ExternalSignInOutcome.SignedIn;
    }

    /// <summary>The account the roster import would have made (user name = employee number, role Staff, no password).</summary>
    private async Task<LmsUser?> CreateAccountAsync(StaffMember staff)
    {
        var user = StaffFromRow.NewAccount(staff);
        audit.Record("account.created", "staff", staff.Id, $"{staff.FullName} ({staff.EmployeeNumber}): {T["account created at first single sign-on"]}", actor: "single sign-on");
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, RoleNames.Staff);
        }

        if (!created.Succeeded)
        {
            logger.LogError("Single sign-on could not create an account for {EmployeeNumber}: {Errors}", staff.EmployeeNumber, string.Join("; ", created.Errors.Select(e => e.Description)));
            return null;
        }

        logger.LogInformation("Single sign-on created an account for {EmployeeNumber}", staff.EmployeeNumber);
        return user;
    }
}
