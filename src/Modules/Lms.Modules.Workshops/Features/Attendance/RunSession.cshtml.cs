using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>
/// The facilitator's page during a session (<c>/facilitate/sessions/{id}</c>), made for a tablet: the check-in
/// code and its QR code for the screen, present/absent per person, everyone remaining present, walk-ins.
/// Every button is a form that works without script; attendance.js only saves the reload.
/// </summary>
[Authorize(Policy = "RunWorkshops")]
public sealed class RunSessionModel(SessionRoster roster, AttendanceBook book, WalkInFinder finder, SiteTime time, TimeProvider clock, IStringLocalizer<WorkshopsStrings> T)
    : PageModel
{
    internal SessionRosterView View { get; private set; } = null!;
    internal IReadOnlyList<WalkInCandidate>? Candidates { get; private set; }
    internal string CheckInUrl { get; private set; } = "";
    /// <summary>The check-in page without the code, for people who type it in.</summary>
    internal string CheckInPage { get; private set; } = "";
    internal string QrCode { get; private set; } = "";
    internal bool CheckInOpen { get; private set; }
    internal bool Ended { get; private set; }
    internal bool AttendanceOpen { get; private set; }

    [TempData] public string? Done { get; set; }
    [TempData] public string? Error { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    internal string SessionUrl => $"/facilitate/sessions/{View.Session.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(Query) && AttendanceOpen)
        {
            Candidates = await finder.FindAsync(View.Session, Query, cancellationToken);
        }

        return Page();
    }

    /// <summary>One person present or absent. Answers attendance.js with JSON, a browser without it with the page again.</summary>
    public async Task<IActionResult> OnPostMarkAsync(Guid id, Guid staffId, string? status, CancellationToken cancellationToken)
    {
        var present = status == "present";
        if (!present && status != "absent")
        {
            return BadRequest();
        }

        var result = await book.MarkAsync(id, present ? [staffId] : [], present ? [] : [staffId], User.GetStaffId(), AuditActions.ViaPage, cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        var view = (await roster.LoadAsync(id, cancellationToken))!;
        var name = view.Find(staffId)?.Name ?? "";
        var message = !result.Succeeded ? result.Message : present ? T["{0} is marked present.", name].Value : T["{0} is marked absent.", name].Value;
        if (WantsJson)
        {
            var c = view.Counts;
            return new JsonResult(new
            {
                ok = result.Succeeded,
                message,
                staffId,
                attendance = view.Find(staffId) is { } person ? AttendanceRules.ApiValue(person.Attendance) : "unknown",
                counts = new { present = c.Present, absent = c.Absent, unknown = c.Unknown, registered = c.Registered },
            })
            { StatusCode = result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity };
        }

        return Back(result.Succeeded, message, $"#p-{staffId}");
    }

    public async Task<IActionResult> OnPostAllPresentAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await book.MarkRemainingPresentAsync(id, User.GetStaffId(), cancellationToken);
        return result.NotFound ? NotFound() : Back(result.Succeeded, result.Message, "#roster");
    }

    public async Task<IActionResult> OnPostWalkInAsync(Guid id, Guid staffId, CancellationToken cancellationToken)
    {
        var result = await book.AddWalkInAsync(id, staffId, User.GetStaffId(), cancellationToken);
        return result.NotFound ? NotFound() : Back(result.Succeeded, result.Message, $"#p-{staffId}");
    }

    internal string When()
    {
        var s = View.Session;
        return $"{time.Format(s.StartsAt)}–{time.Format(s.EndsAt, "HH:mm")}";
    }

    internal string Time(DateTimeOffset at, string format = "HH:mm") => time.Format(at, format);

    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private RedirectResult Back(bool succeeded, string message, string anchor)
    {
        if (succeeded)
        {
            Done = message;
        }
        else
        {
            Error = message;
        }

        return Redirect($"/facilitate/sessions/{RouteData.Values["id"]}{anchor}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await roster.LoadAsync(id, cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        await time.ZoneAsync(cancellationToken);
        var now = clock.GetUtcNow();
        CheckInOpen = AttendanceRules.CheckInOpen(view.Session, now);
        AttendanceOpen = AttendanceRules.AttendanceOpen(view.Session, now);
        Ended = now >= view.Session.EndsAt;
        // The address the phones open: this site as the facilitator's tablet reached it (behind a proxy, forwarded headers give the public host).
        CheckInPage = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/workshops/check-in";
        CheckInUrl = $"{CheckInPage}?code={view.Session.CheckInCode}";
        QrCode = QrSvg.Render(CheckInUrl, T["QR code for check-in"]);
        return true;
    }
}
