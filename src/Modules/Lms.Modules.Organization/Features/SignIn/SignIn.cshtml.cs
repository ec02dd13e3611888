using Lms.Framework.Security;
using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Organization.Features.SignIn;

[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(SignInManager<LmsUser> signIn, AccountLookup lookup, IStringLocalizer<OrganizationStrings> T, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty] public string Login { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool RememberMe { get; set; } = true;
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? ErrorMessage { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Login) || string.IsNullOrEmpty(Password))
        {
            ErrorMessage = T["Enter your employee number (or e-mail address) and password."];
            return Page();
        }

        var user = await lookup.FindAsync(Login, ct);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("{UserName} signed in", user!.UserName);
            return LocalRedirect(SafeReturnUrl);
        }

        ErrorMessage = result switch
        {
            { IsLockedOut: true } => T["Too many failed attempts. This account is locked for a while; try again later or ask the system administrator."],
            { IsNotAllowed: true } => T["This account cannot sign in. If you think this is a mistake, contact the system administrator."],
            _ => T["The employee number (or e-mail) or the password is not correct."],
        };
        Response.StatusCode = StatusCodesFor(result);
        return Page();
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    // People see the page again either way; a status code lets scripts and tests tell outcomes apart.
    private static int StatusCodesFor(Microsoft.AspNetCore.Identity.SignInResult result) => result.IsLockedOut ? 423 : 401;
}
