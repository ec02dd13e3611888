using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Web;
using Lms.Modules.Learning.Domain;
using Lms.Modules.Learning.Features.Learn;
using Microsoft.AspNetCore.Mvc;

namespace Lms.Modules.Learning.Home;

internal sealed class MyCoursesPanelProvider : IHomePanelProvider
{
    public IEnumerable<HomePanel> GetPanels(ClaimsPrincipal user) =>
        user.GetStaffId() is null ? [] : [new("MyCourses", 10)];
}

/// <summary>The learner's home: every course with its progress, due date and a "continue" button.</summary>
public sealed class MyCoursesViewComponent(LearnerCourses courses, SiteCalendar calendar) : ViewComponent
{
    internal sealed record Model(IReadOnlyList<EnrolmentView> Courses);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var staffId = UserClaimsPrincipal.GetStaffId();
        if (staffId is null)
        {
            return Content("");
        }

        var views = await courses.ViewsAsync(staffId.Value, calendar, HttpContext.RequestAborted);
        return View(new Model(views));
    }
}
