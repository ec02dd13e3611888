using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Organization.Identity;

/// <summary>
/// Bearer tokens carry the security stamp of the moment they were issued. Cookies are re-checked by
/// Identity; tokens are not, so this scheme authenticates through the bearer handler and then checks
/// the account (one primary-key lookup): a deactivated person, a changed password or changed roles end
/// API access at once with a 401, not when the token expires.
/// </summary>
internal sealed class CheckedBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SignInManager<LmsUser> signIn) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Lms.Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!result.Succeeded)
        {
            return result;
        }

        var user = await signIn.ValidateSecurityStampAsync(result.Principal);
        return user is { IsActive: true }
            ? AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, SchemeName))
            : AuthenticateResult.Fail("The account changed after the token was issued (deactivated, password or roles changed).");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(IdentityConstants.BearerScheme, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(IdentityConstants.BearerScheme, properties);
}
