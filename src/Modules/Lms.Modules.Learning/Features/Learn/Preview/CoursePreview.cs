using Lms.Contracts.Organization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lms.Modules.Learning.Features.Learn.Preview;

/// <summary>
/// The learner's pages showing a course's draft to its authors (routes <c>/learn/courses/{id}/preview</c>
/// and <c>/learn/courses/{courseId}/preview/activities/{id}</c>): the same views, so the preview is what
/// learners will get, with nothing recorded.
/// </summary>
public sealed record CoursePreview(Guid CourseId, StaffTier Tier)
{
    public const string CourseRoute = "learn/courses/{id:guid}/{mode:regex(^preview$)}";
    public const string ActivityRoute = "learn/courses/{courseId:guid}/{mode:regex(^preview$)}/activities/{id:guid}";

    public string Query => "?tier=" + Tier.ToApiValue();

    public string CourseHref => $"/learn/courses/{CourseId}/preview{Query}";

    public string ActivityHref(Guid activityId) => $"/learn/courses/{CourseId}/preview/activities/{activityId}{Query}";

    public string EditHref => $"/admin/courses/{CourseId}";

    /// <summary>The preview asked for by this request, or null for a learner's own page.</summary>
    public static async Task<(bool Requested, CoursePreview? Preview)> FromAsync(HttpContext context, IAuthorizationService authorization, Guid courseId)
    {
        if (context.GetRouteValue("mode") as string != "preview")
        {
            return (false, null);
        }

        var allowed = await authorization.AuthorizeAsync(context.User, Permissions.PreviewCourses.Name);
        var tier = StaffTierNames.TryParse(context.Request.Query["tier"], out var asked) ? asked : StaffTier.General;
        return (true, allowed.Succeeded ? new CoursePreview(courseId, tier) : null);
    }
}

/// <summary>What the preview banner shows: which tier the author looks as, and whether the course is meant for it.</summary>
public sealed record PreviewBanner(CoursePreview Preview, IReadOnlyList<StaffTier> CourseTiers);
