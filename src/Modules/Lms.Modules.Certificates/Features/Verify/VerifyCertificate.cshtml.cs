using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Lms.Modules.Certificates.Features;

namespace Lms.Modules.Certificates.Features.Verify;

/// <summary>
/// <c>/verify/{code}</c>, where a certificate's QR code leads: anyone, signed in or not, sees whether it is valid,
/// revoked or replaced, with the name, course, date and issuer. An unknown code is a plain "not found" (404), and
/// look-ups are rate limited per client so codes cannot be tried in bulk.
/// </summary>
[AllowAnonymous]
public sealed class VerifyCertificateModel : PageModel
{
    internal VerificationResult? Result { get; private set; }

    public string? Code { get; private set; }

    public bool NotFoundCode { get; private set; }

    public bool TooMany { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, [FromQuery(Name = "q")] string? typed, CancellationToken cancellationToken)
    {
        if (code is null && !string.IsNullOrWhiteSpace(typed))
        {
            return Redirect("/verify/" + Uri.EscapeDataString(typed.Trim()));
        }

        Code = code;
        if (code is null)
        {
            return Page();
        }

        if (!HttpContext.RequestServices.GetRequiredService<VerificationThrottle>().TryLookUp(HttpContext))
        {
            TooMany = true;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        Result = await HttpContext.RequestServices.GetRequiredService<Verification>().FindAsync(code, cancellationToken);
        if (Result is null)
        {
            NotFoundCode = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        return Page();
    }
}
