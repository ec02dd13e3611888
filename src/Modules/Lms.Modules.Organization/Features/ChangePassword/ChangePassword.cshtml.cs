using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ChangePassword;

[Authorize]
public sealed class ChangePasswordModel(UserManager<LmsUser> users, SignInManager<LmsUser> signIn, IStringLocalizer<OrganizationStrings> T) : PageModel
{
    [BindProperty] public string CurrentPassword { get; set; } = "";
    [BindProperty] public string NewPassword { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";
    public bool Changed { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (NewPassword != ConfirmPassword)
        {
            Errors.Add(T["The two new passwords do not match."]);
            return Page();
        }

        // Guesses of the current password count towards the lockout, as on the sign-in page.
        var check = await signIn.CheckPasswordSignInAsync(user, CurrentPassword ?? "", lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            Errors.Add(check.IsLockedOut
                ? T["Too many failed attempts. This account is locked for a while; try again later or ask the system administrator."]
                : T["The current password is not correct."]);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => PasswordMessages.Describe(e, T)));
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }

}
