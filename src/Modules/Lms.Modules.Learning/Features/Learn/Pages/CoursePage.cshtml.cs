using Lms.Contracts.Organization;
using Lms.Modules.Learning.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Learning.Features.Learn.Pages;

[Authorize(Policy = "TakeCourses")]
public sealed class CoursePageModel(LearnerCourses courses, SiteCalendar calendar) : PageModel
{
    internal LearnerCourse Learner { get; private set; } = null!;
    internal EnrolmentView Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var learner = User.GetStaffId() is { } staffId ? await courses.FindAsync(staffId, id, cancellationToken) : null;
        if (learner is null)
        {
            return NotFound();
        }

        Learner = learner;
        Summary = EnrolmentView.From(learner, await calendar.TodayAsync(cancellationToken), await calendar.ZoneAsync(cancellationToken));
        return Page();
    }
}
