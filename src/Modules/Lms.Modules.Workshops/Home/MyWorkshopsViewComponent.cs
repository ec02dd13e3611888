using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Home;

/// <summary>The home page's workshop panel: my next sessions, workshops still to book, and (facilitators) sessions to run.</summary>
public sealed class MyWorkshopsViewComponent(WorkshopsDbContext db, WorkshopCatalog catalog, IMediator mediator, TimeProvider clock) : ViewComponent
{
    public sealed record Booked(Guid SessionId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, bool Waitlisted);

    public sealed record Running(Guid SessionId, string Title, DateTimeOffset StartsAt, int Seated, int Capacity);

    public sealed record Model(IReadOnlyList<Booked> Mine, int ToBook, IReadOnlyList<Running> Running);

    /// <summary>A few set-based queries: the home page's cost must not grow with the number of sessions.</summary>
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var now = clock.GetUtcNow();
        var ct = HttpContext.RequestAborted;
        var workshops = await catalog.AllAsync(ct);
        IReadOnlyList<Booked> mine = [];
        var toBook = 0;
        if (UserClaimsPrincipal.GetStaffId() is { } staffId)
        {
            var rows = await (from r in db.Registrations.AsNoTracking()
                              join s in db.Sessions.AsNoTracking() on r.SessionId equals s.Id
                              where r.StaffId == staffId && s.CancelledAt == null && s.EndsAt > now
                                    && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted)
                              select new { s.Id, s.ActivityId, s.StartsAt, s.EndsAt, s.Place, r.Status }).ToListAsync(ct);
            mine = rows.OrderBy(r => r.StartsAt).Take(3)
                .Select(r => new Booked(r.Id, workshops.TryGetValue(r.ActivityId, out var w) ? w.Title : "", r.StartsAt, r.EndsAt, r.Place, r.Status == RegistrationStatus.Waitlisted))
                .ToList();
            var booked = rows.Select(r => r.ActivityId).ToHashSet();
            toBook = (await mediator.Send(new GetWorkshopEnrolments(staffId), ct)).Count(w => !w.Completed && !booked.Contains(w.ActivityId));
        }

        IReadOnlyList<Running> running = [];
        if (UserClaimsPrincipal.HasClaim(PermissionClaims.Type, Permissions.RunWorkshops.Name))
        {
            var me = UserClaimsPrincipal.GetStaffId();
            var soon = now.AddDays(14);
            running = (await db.Sessions.AsNoTracking()
                    .Where(s => s.CancelledAt == null && s.EndsAt > now && s.StartsAt < soon && (me == null || s.Facilitators.Any(f => f.StaffId == me)))
                    .OrderBy(s => s.StartsAt).Take(5)
                    .Select(s => new { s.Id, s.ActivityId, s.StartsAt, s.Capacity, Seated = db.Registrations.Count(r => r.SessionId == s.Id && r.Status == RegistrationStatus.Registered) })
                    .ToListAsync(ct))
                .Select(s => new Running(s.Id, workshops.TryGetValue(s.ActivityId, out var w) ? w.Title : "", s.StartsAt, s.Seated, s.Capacity)).ToList();
        }

        return mine.Count == 0 && toBook == 0 && running.Count == 0 ? Content("") : View(new Model(mine, toBook, running));
    }
}
