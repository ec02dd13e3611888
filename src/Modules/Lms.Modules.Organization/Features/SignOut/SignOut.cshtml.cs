using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Organization.Features.SignOut;

/// <summary>GET asks for confirmation (a link must not sign anyone out); POST signs out.</summary>
[Authorize]
public sealed class SignOutModel(SignInManager<LmsUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/account/sign-in");
    }
}
