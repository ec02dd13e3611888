using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Sessions;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Registration.Pages;

/// <summary>One session for a learner: when and where, their place in it, the calendar file, check-in and their team.</summary>
[Authorize(Policy = "AttendWorkshops")]
public sealed class SessionDetailsModel(WorkshopsDbContext db, SessionViews views, SeatBook seats, IMediator mediator, TimeProvider clock) : PageModel
{
    public SessionView Session { get; private set; } = null!;
    public bool Enrolled { get; private set; }
    public bool Completed { get; private set; }
    public bool HasOtherPlace { get; private set; }
    public bool CheckInOpen { get; private set; }
    public bool IsFacilitator { get; private set; }
    public Guid? TeamId { get; private set; }
    public string? Notes { get; private set; }
    public DateTimeOffset Now { get; private set; }
    [TempData] public string? Message { get; set; }
    [TempData] public bool MessageIsError { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var staffId = User.GetStaffId();
        var session = await views.ListAsync(null, staffId, null, cancellationToken, [id]) is [var found, ..] ? found : null;
        IsFacilitator = User.HasClaim(PermissionClaims.Type, Permissions.RunWorkshops.Name);
        var enrolment = staffId is { } me && session is not null
            ? (await mediator.Send(new GetWorkshopEnrolments(me), cancellationToken)).FirstOrDefault(w => w.ActivityId == session.ActivityId)
            : null;
        if (session is null || (enrolment is null && session.MyStatus is null && !IsFacilitator))
        {
            return NotFound();
        }

        Session = session;
        Enrolled = enrolment is not null;
        Completed = enrolment?.Completed ?? false;
        var now = Now = clock.GetUtcNow();
        CheckInOpen = !session.Cancelled && now >= session.StartsAt.AddMinutes(-30) && now < session.EndsAt;
        Notes = await db.Sessions.AsNoTracking().Where(s => s.Id == id).Select(s => s.Notes).FirstOrDefaultAsync(cancellationToken);
        if (staffId is { } self)
        {
            TeamId = await db.TeamMembers.AsNoTracking().Where(m => m.SessionId == id && m.StaffId == self).Select(m => (Guid?)m.TeamId).FirstOrDefaultAsync(cancellationToken);
            HasOtherPlace = await (from r in db.Registrations.AsNoTracking()
                                   join s in db.Sessions.AsNoTracking() on r.SessionId equals s.Id
                                   where r.StaffId == self && r.SessionId != id && s.ActivityId == session.ActivityId && s.CancelledAt == null && s.EndsAt > now
                                         && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted)
                                   select r.Id).AnyAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return Forbid();
        }

        var result = await seats.RegisterAsync(id, staffId, cancellationToken);
        return result.NotFound ? NotFound() : Done(id, result);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return Forbid();
        }

        var result = await seats.CancelAsync(id, staffId, cancellationToken);
        return result.NotFound ? NotFound() : Done(id, result);
    }

    private RedirectResult Done(Guid id, SeatResult result)
    {
        Message = result.Message;
        MessageIsError = !result.Succeeded;
        return Redirect($"/workshops/sessions/{id}");
    }
}
