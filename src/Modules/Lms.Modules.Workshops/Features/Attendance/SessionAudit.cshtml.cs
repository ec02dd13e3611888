using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>Who did what to the session's records, newest first (<c>/facilitate/sessions/{id}/audit</c>).</summary>
[Authorize(Policy = "RunWorkshops")]
public sealed class SessionAuditModel(WorkshopsDbContext db, WorkshopCatalog catalog, WorkshopPeople people, SiteTime time, IStringLocalizer<WorkshopsStrings> T) : PageModel
{
    public const int MaxEntries = 500;

    internal sealed record Entry(DateTimeOffset At, string Actor, string Action, string Person, string? Detail);

    internal Guid SessionId { get; private set; }
    internal string Title { get; private set; } = "";
    internal IReadOnlyList<Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }

        SessionId = id;
        Title = (await catalog.FindAsync(session.ActivityId, cancellationToken))?.Title ?? "";
        await time.ZoneAsync(cancellationToken);
        var rows = (await db.Audit.AsNoTracking().Where(a => a.SessionId == id).ToListAsync(cancellationToken))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(MaxEntries).ToList();
        var cards = await people.CardsAsync(rows.SelectMany(r => new[] { r.ActorStaffId, r.StaffId }).OfType<Guid>(), cancellationToken);
        string Name(Guid? staffId) => staffId is { } s && cards.TryGetValue(s, out var card) ? card.Name : "";
        Entries = rows.Select(r => new Entry(r.At, Name(r.ActorStaffId), r.Action, Name(r.StaffId), r.Detail)).ToList();
        return Page();
    }

    internal string Time(DateTimeOffset at) => time.Format(at, "yyyy/MM/dd HH:mm:ss");

    /// <summary>The stored detail ("page; was unknown") in the reader's language; a reversal's reason as written.</summary>
    internal string Describe(Entry entry)
    {
        if (entry.Detail is not { } detail || entry.Action == AuditActions.Reversed)
        {
            return entry.Detail ?? "";
        }

        if (entry.Action == AuditActions.TeamsSaved && detail.Split(';') is [var teams, var people, var kept])
        {
            return kept == "0" ? T["{0} teams, {1} people", teams, people] : T["{0} teams, {1} people ({2} kept empty for their work)", teams, people, kept];
        }

        return string.Join("、", detail.Split("; ").Select(part => part switch
        {
            AuditActions.ViaPage => T["on the session page"].Value,
            AuditActions.ViaApi => T["through the API"].Value,
            AuditActions.ViaAllRemaining => T["all remaining present"].Value,
            AuditActions.ViaSignOff => T["with the sign-off"].Value,
            "was unknown" => T["before: not recorded"].Value,
            "was present" => T["before: present"].Value,
            "was absent" => T["before: absent"].Value,
            "new" => T["had not registered"].Value,
            "waitlisted" => T["was on the waiting list"].Value,
            "cancelled" => T["had cancelled"].Value,
            "again after a reversal" => T["again after a reversal"].Value,
            _ => part,
        }));
    }
}
