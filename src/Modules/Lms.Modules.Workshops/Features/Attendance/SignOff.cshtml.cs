using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>
/// Sign-off (<c>/facilitate/sessions/{id}/signoff</c>): everyone present comes ticked and the facilitator
/// unticks the exceptions; the signed-off people, with a reversal form each; the reversed ones.
/// </summary>
[Authorize(Policy = "RunWorkshops")]
public sealed class SignOffModel(SessionRoster roster, SignOffDesk desk, WorkshopsDbContext db, WorkshopPeople people, SiteTime time, TimeProvider clock) : PageModel
{
    internal sealed record Reversal(string Name, DateTimeOffset SignedOffAt, DateTimeOffset ReversedAt, string ReversedBy, string Reason);

    internal SessionRosterView View { get; private set; } = null!;
    internal IReadOnlyList<Reversal> Reversals { get; private set; } = [];
    internal bool Open { get; private set; }

    [TempData] public string? Done { get; set; }
    [TempData] public string? Error { get; set; }
    /// <summary>"Name: reason" lines of the people the last sign-off skipped.</summary>
    [TempData] public string? SkippedLines { get; set; }
    [BindProperty] public List<Guid> StaffIds { get; set; } = [];

    internal string SessionUrl => $"/facilitate/sessions/{View.Session.Id}";

    /// <summary>Present people not yet signed off anywhere: ticked; unknown attendance: offered but not ticked.</summary>
    internal IEnumerable<RosterPerson> Offered => View.Seated.Where(p => p.SignOff is null && p.Attendance != AttendanceStatus.Absent);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await desk.SignOffAsync(id, StaffIds, User.GetStaffId(), cancellationToken);
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Done = result.Message;
            var names = await people.CardsAsync(result.Skipped.Select(s => s.StaffId), cancellationToken);
            SkippedLines = result.Skipped.Count == 0 ? null
                : string.Join('\n', result.Skipped.Select(s => $"{(names.TryGetValue(s.StaffId, out var c) ? c.Name : "?")}: {s.Reason}"));
        }
        else
        {
            Error = result.Message;
        }

        return Redirect($"/facilitate/sessions/{id}/signoff");
    }

    public async Task<IActionResult> OnPostReverseAsync(Guid id, Guid staffId, string? reason, CancellationToken cancellationToken)
    {
        var result = await desk.ReverseAsync(id, staffId, reason, User.GetStaffId(), cancellationToken);
        if (result is { NotFound: true } && !await db.Sessions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Done = result.Message;
        }
        else
        {
            Error = result.Message;
        }

        return Redirect($"/facilitate/sessions/{id}/signoff#signed-off");
    }

    internal string Time(DateTimeOffset at, string format = "yyyy/MM/dd HH:mm") => time.Format(at, format);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await roster.LoadAsync(id, cancellationToken) is not { } view)
        {
            return false;
        }

        View = view;
        await time.ZoneAsync(cancellationToken);
        Open = AttendanceRules.SignOffOpen(view.Session, clock.GetUtcNow());
        var reversed = await db.SignOffs.AsNoTracking().Where(s => s.SessionId == id && s.ReversedAt != null).OrderByDescending(s => s.ReversedAt)
            .ToListAsync(cancellationToken);
        var cards = await people.CardsAsync(reversed.SelectMany(r => new[] { r.StaffId, r.ReversedBy ?? Guid.Empty }), cancellationToken);
        string Name(Guid? staffId) => staffId is { } s && cards.TryGetValue(s, out var card) ? card.Name : "";
        Reversals = reversed.Select(r => new Reversal(Name(r.StaffId), r.SignedOffAt, r.ReversedAt!.Value, Name(r.ReversedBy), r.ReversalReason ?? "")).ToList();
        return true;
    }
}
