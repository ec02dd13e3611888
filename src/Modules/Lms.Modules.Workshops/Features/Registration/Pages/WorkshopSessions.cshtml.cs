using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Workshops.Features.Registration.Pages;

/// <summary>The coming sessions of one workshop, to choose from (staff enrolled in its course, and facilitators).</summary>
[Authorize(Policy = "AttendWorkshops")]
public sealed class WorkshopSessionsModel(WorkshopCatalog catalog, SessionViews views, IMediator mediator, TimeProvider clock) : PageModel
{
    public string Title { get; private set; } = "";
    public string CourseTitle { get; private set; } = "";
    public string? Description { get; private set; }
    public bool Completed { get; private set; }
    public bool Enrolled { get; private set; }
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];
    public SessionView? Mine { get; private set; }
    public Guid ActivityId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid activityId, CancellationToken cancellationToken)
    {
        var workshop = await catalog.FindAsync(activityId, cancellationToken);
        var enrolment = User.GetStaffId() is { } staffId
            ? (await mediator.Send(new GetWorkshopEnrolments(staffId), cancellationToken)).FirstOrDefault(w => w.ActivityId == activityId)
            : null;
        if (workshop is null || (enrolment is null && !User.HasClaim(PermissionClaims.Type, Permissions.RunWorkshops.Name)))
        {
            return NotFound();
        }

        ActivityId = activityId;
        Title = workshop.Title;
        CourseTitle = workshop.CourseTitle;
        Description = workshop.Description;
        Enrolled = enrolment is not null;
        Completed = enrolment?.Completed ?? false;
        Sessions = (await views.ListAsync(activityId, User.GetStaffId(), clock.GetUtcNow(), cancellationToken))
            .Where(s => !s.Cancelled || s.MyStatus is "registered" or "waitlisted").ToList();
        Mine = Sessions.FirstOrDefault(s => s.MyStatus is "registered" or "waitlisted");
        return Page();
    }
}
