using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Registration.Pages;

/// <summary>
/// "My workshops": each workshop of the person's courses with where they stand (done, booked, waiting, to book),
/// and the news that a waiting-list place became a seat.
/// </summary>
[Authorize(Policy = "AttendWorkshops")]
public sealed class MyWorkshopsModel(WorkshopsDbContext db, WorkshopCatalog catalog, SessionViews views, IMediator mediator, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid ActivityId, string Title, string CourseTitle, bool Completed, SessionView? Booked, SessionView? Attended, int OpenSessions, DateOnly? DueDate);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<SessionView> Promoted { get; private set; } = [];
    /// <summary>Coming sessions the person had a place in that a facilitator cancelled.</summary>
    public IReadOnlyList<SessionView> Cancelled { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var enrolled = (await mediator.Send(new GetWorkshopEnrolments(staffId), cancellationToken)).DistinctBy(w => w.ActivityId).ToList();
        var workshops = await catalog.AllAsync(cancellationToken);
        var mySessionIds = await db.Registrations.AsNoTracking().Where(r => r.StaffId == staffId).Select(r => r.SessionId).ToListAsync(cancellationToken);
        var mine = await views.ListAsync(null, staffId, null, cancellationToken, mySessionIds);
        var activityIds = enrolled.Select(w => w.ActivityId).ToList();
        var open = (await db.Sessions.AsNoTracking()
                .Where(s => activityIds.Contains(s.ActivityId) && s.CancelledAt == null && s.RegistrationDeadline >= now)
                .Select(s => s.ActivityId).ToListAsync(cancellationToken))
            .GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        Rows = enrolled.Where(w => workshops.ContainsKey(w.ActivityId)).Select(w =>
            {
                var info = workshops[w.ActivityId];
                var booked = mine.Where(s => s.ActivityId == w.ActivityId && s.EndsAt > now && !s.Cancelled && s.MyStatus is "registered" or "waitlisted")
                    .MinBy(s => s.StartsAt);
                var attended = mine.Where(s => s.ActivityId == w.ActivityId && s.MyAttendance == "present").MaxBy(s => s.StartsAt);
                return new Row(w.ActivityId, info.Title, info.CourseTitle, w.Completed, booked, attended, open.GetValueOrDefault(w.ActivityId), w.DueDate);
            })
            .OrderBy(r => r.Completed).ThenBy(r => r.Booked?.StartsAt ?? DateTimeOffset.MaxValue).ToList();

        Cancelled = mine.Where(s => s.Cancelled && s.StartsAt > now && s.MyStatus is "registered" or "waitlisted").ToList();

        // Shown once: the page marks the news as seen.
        var news = await db.Registrations.Where(r => r.StaffId == staffId && r.PromotedAt != null && !r.PromotionSeen && r.Status == RegistrationStatus.Registered)
            .ToListAsync(cancellationToken);
        Promoted = mine.Where(s => news.Any(n => n.SessionId == s.Id) && s.EndsAt > now).ToList();
        if (news.Count > 0)
        {
            news.ForEach(n => n.PromotionSeen = true);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
