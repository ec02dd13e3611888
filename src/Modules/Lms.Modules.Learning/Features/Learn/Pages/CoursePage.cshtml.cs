using Lms.Contracts.Organization;
using Lms.Modules.Learning.Domain;
using Lms.Modules.Learning.Features.Learn.Preview;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Learning.Features.Learn.Pages;

[Authorize(Policy = "TakeCourses")]
public sealed class CoursePageModel(LearnerCourses courses, SiteCalendar calendar, IAuthorizationService authorization) : PageModel
{
    internal LearnerCourse Learner { get; private set; } = null!;
    internal EnrolmentView Summary { get; private set; } = null!;
    /// <summary>Set when an author looks at the course's draft (see <see cref="CoursePreview"/>).</summary>
    public CoursePreview? Preview { get; private set; }

    public string ActivityHref(Guid activityId) => Preview?.ActivityHref(activityId) ?? $"/learn/activities/{activityId}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (requested, preview) = await CoursePreview.FromAsync(HttpContext, authorization, id);
        if (requested && preview is null)
        {
            return Forbid();
        }

        Preview = preview;
        var learner = preview is not null ? await courses.PreviewAsync(id, cancellationToken)
            : User.GetStaffId() is { } staffId ? await courses.FindAsync(staffId, id, cancellationToken) : null;
        if (learner is null)
        {
            return NotFound();
        }

        Learner = learner;
        Summary = EnrolmentView.From(learner, await calendar.TodayAsync(cancellationToken), await calendar.ZoneAsync(cancellationToken));
        return Page();
    }
}
