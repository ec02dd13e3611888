using Lms.Contracts.Organization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>
/// Staff check in (<c>/workshops/check-in</c>) with the code on the screen; the QR code opens this page with
/// the code filled in, and the person confirms with one tap (a GET never checks anyone in).
/// </summary>
[Authorize(Policy = "AttendWorkshops")]
public sealed class CheckInModel(CheckInDesk desk, IStringLocalizer<WorkshopsStrings> T) : PageModel
{
    internal CheckInResult? Result { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            Result = new(CheckInOutcome.NotRegistered, T["Only members of staff can check in."]);
            return Page();
        }

        Result = await desk.CheckInAsync(staffId, Code, cancellationToken);
        if (Result.Outcome == CheckInOutcome.TooManyAttempts)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (Result.RetryAfter is { } wait)
            {
                Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (Result.Succeeded)
        {
            Code = null;
        }

        return Page();
    }
}
