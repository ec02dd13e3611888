using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Sessions;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Home;

/// <summary>The home page's workshop panel: my next sessions, workshops still to book, and (facilitators) sessions to run.</summary>
public sealed class MyWorkshopsViewComponent(WorkshopsDbContext db, SessionViews views, IMediator mediator, TimeProvider clock) : ViewComponent
{
    public sealed record Model(IReadOnlyList<SessionView> Mine, int ToBook, IReadOnlyList<SessionView> Running);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var now = clock.GetUtcNow();
        var ct = HttpContext.RequestAborted;
        IReadOnlyList<SessionView> mine = [];
        var toBook = 0;
        if (UserClaimsPrincipal.GetStaffId() is { } staffId)
        {
            var ids = await db.Registrations.AsNoTracking()
                .Where(r => r.StaffId == staffId && r.Status != RegistrationStatus.Cancelled)
                .Select(r => r.SessionId).ToListAsync(ct);
            mine = (await views.ListAsync(null, staffId, now, ct, ids)).Where(s => s.MyStatus is "registered" or "waitlisted").Take(3).ToList();
            var booked = mine.Select(s => s.ActivityId).ToHashSet();
            toBook = (await mediator.Send(new GetWorkshopEnrolments(staffId), ct)).Count(w => !w.Completed && !booked.Contains(w.ActivityId));
        }

        IReadOnlyList<SessionView> running = [];
        if (UserClaimsPrincipal.HasClaim(PermissionClaims.Type, Permissions.RunWorkshops.Name))
        {
            var me = UserClaimsPrincipal.GetStaffId();
            var soon = now.AddDays(14);
            var ids = await db.Sessions.AsNoTracking()
                .Where(s => s.CancelledAt == null && s.EndsAt > now && s.StartsAt < soon && (me == null || s.Facilitators.Any(f => f.StaffId == me)))
                .Select(s => s.Id).ToListAsync(ct);
            running = (await views.ListAsync(null, null, now, ct, ids)).Take(5).ToList();
        }

        return mine.Count == 0 && toBook == 0 && running.Count == 0 ? Content("") : View(new Model(mine, toBook, running));
    }
}
