using Lms.Modules.Organization.Identity.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Organization.Features.ExternalSignIn;

/// <summary>The single sign-on button posts here; the person goes on to the provider and comes back to the callback path.</summary>
[AllowAnonymous]
public sealed class ExternalSignInModel : PageModel
{
    [BindProperty] public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => LocalRedirect("/account/sign-in");

    public IActionResult OnPost()
    {
        if (HttpContext.RequestServices.GetRequiredService<OpenIdConnectSchemes>().Active is null)
        {
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = ExternalSignInOutcomes.SafeReturnUrl(ReturnUrl) };
        return Challenge(properties, OpenIdConnectSetup.Scheme);
    }
}
