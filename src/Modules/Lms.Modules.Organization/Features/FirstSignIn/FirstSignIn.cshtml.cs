using Lms.Framework.Security;
using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.FirstSignIn;

/// <summary>A newcomer (or someone an admin has reset) sets their own password with a one-time code.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class FirstSignInModel(AccountLookup lookup, UserManager<LmsUser> users, SignInManager<LmsUser> signIn, FirstSignInCodes codes, IStringLocalizer<OrganizationStrings> T) : PageModel
{
    [BindProperty] public string Login { get; set; } = "";
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await lookup.FindAsync(Login ?? "", ct);

        // The new password first: a typo in it must not use up the code.
        if (NewPassword != ConfirmPassword)
        {
            Errors.Add(T["The two new passwords do not match."]);
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user ?? new LmsUser(), NewPassword ?? "");
            Errors.AddRange(result.Errors.Select(e => PasswordMessages.Describe(e, T)));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // One answer for an unknown person, a wrong code, an expired one and a locked account: nothing to probe.
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user) || !await codes.RedeemAsync(user, Code ?? ""))
        {
            if (user is not null)
            {
                await users.AccessFailedAsync(user);
            }

            Errors.Add(T["The employee number or the sign-in code is not correct, or the code has expired. Ask your administrator for a new code if needed."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await users.HasPasswordAsync(user))
        {
            await users.RemovePasswordAsync(user);
        }

        var added = await users.AddPasswordAsync(user, NewPassword!);
        if (!added.Succeeded)
        {
            Errors.AddRange(added.Errors.Select(e => PasswordMessages.Describe(e, T)));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/");
    }
}
