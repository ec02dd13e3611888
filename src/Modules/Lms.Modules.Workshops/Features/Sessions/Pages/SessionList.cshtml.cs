using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Sessions.Pages;

/// <summary>The facilitators' list of sessions: coming (default), past or all, narrowed to one workshop.</summary>
[Authorize(Policy = "RunWorkshops")]
public sealed class SessionListModel(WorkshopsDbContext db, WorkshopCatalog catalog, SessionViews views, TimeProvider clock) : PageModel
{
    private const int Shown = 200;

    public sealed record Option(Guid ActivityId, string Label);

    [BindProperty(SupportsGet = true)] public Guid? Workshop { get; set; }
    /// <summary>upcoming (default), past or all.</summary>
    [BindProperty(SupportsGet = true)] public string? When { get; set; }
    public IReadOnlyList<Option> Options { get; private set; } = [];
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];
    public int Total { get; private set; }
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var workshops = await catalog.AllAsync(cancellationToken);
        Options = workshops.Values.OrderBy(w => w.CourseTitle, StringComparer.Ordinal).ThenBy(w => w.Title, StringComparer.Ordinal)
            .Select(w => new Option(w.ActivityId, $"{w.CourseTitle} › {w.Title}")).ToList();
        var now = clock.GetUtcNow();
        var query = db.Sessions.AsNoTracking().Include(s => s.Facilitators).AsQueryable();
        if (Workshop is { } activity)
        {
            query = query.Where(s => s.ActivityId == activity);
        }

        When = When is "past" or "all" ? When : "upcoming";
        query = When switch
        {
            "past" => query.Where(s => s.EndsAt <= now),
            "upcoming" => query.Where(s => s.EndsAt > now),
            _ => query,
        };
        var sessions = await query.ToListAsync(cancellationToken);
        Total = sessions.Count;
        var ordered = When == "upcoming" ? sessions.OrderBy(s => s.StartsAt) : sessions.OrderByDescending(s => s.StartsAt);
        Sessions = await views.ViewsAsync(ordered.Take(Shown).ToList(), null, cancellationToken);
    }
}
