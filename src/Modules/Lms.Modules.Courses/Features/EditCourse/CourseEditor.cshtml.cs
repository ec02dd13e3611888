using Lms.Framework.Settings;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Features.PublishCourse;
using Lms.Modules.Courses.Recipes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Courses.Features.EditCourse;

/// <summary>A course's draft: its details and outline, and what can be done with it (preview, publish, copy, archive).</summary>
[Authorize(Policy = "ManageCourses")]
public sealed class CourseEditorModel(CoursesDbContext db, CourseDrafts drafts, CourseLifecycle lifecycle, CoursePublisher publisher,
    IAuthorizationService authorization, SiteTime time, IStringLocalizer<CoursesStrings> T) : PageModel
{
    internal Course Course { get; private set; } = null!;
    internal RecipeCourse Draft { get; private set; } = null!;
    public bool MayPublish { get; private set; }
    public bool HasUnpublishedChanges => Course.Status != CourseStatus.Archived && Course.PublishedRevision != Course.DraftRevision;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostDetailsAsync(Guid id, int revision, string? title, string? summary, List<string>? tiers, int estimatedMinutes, string? coverImageUrl, bool sequential, CancellationToken ct)
    {
        var chosen = (tiers ?? []).Where(t => StaffTierNames.TryParse(t, out _)).Select(StaffTierNames.Parse).ToList();
        return ChangeAsync(id, revision, c => DraftEdits.Details(c, title, summary, chosen, estimatedMinutes, coverImageUrl, sequential), T["Details saved."], ct);
    }

    public Task<IActionResult> OnPostAddSectionAsync(Guid id, int revision, string? title, CancellationToken ct) =>
        ChangeAsync(id, revision, c => DraftEdits.AddSection(c, title), T["Section added."], ct);

    public Task<IActionResult> OnPostEditSectionAsync(Guid id, int revision, string key, string? title, string? summary, CancellationToken ct) =>
        ChangeAsync(id, revision, c => DraftEdits.EditSection(c, key, title, summary), T["Section saved."], ct);

    public Task<IActionResult> OnPostDeleteSectionAsync(Guid id, int revision, string key, CancellationToken ct) =>
        ChangeAsync(id, revision, c => DraftEdits.DeleteSection(c, key), T["Section deleted."], ct);

    public Task<IActionResult> OnPostMoveSectionAsync(Guid id, int revision, string key, int delta, CancellationToken ct) =>
        ChangeAsync(id, revision, c => DraftEdits.MoveSection(c, key, delta), T["Moved."], ct, anchor: "section-" + key);

    public Task<IActionResult> OnPostMoveActivityAsync(Guid id, int revision, string key, int delta, CancellationToken ct) =>
        ChangeAsync(id, revision, c => DraftEdits.MoveActivity(c, key, delta), T["Moved."], ct, anchor: "activity-" + key);

    public Task<IActionResult> OnPostDeleteActivityAsync(Guid id, int revision, string key, CancellationToken ct) =>
        ChangeAsync(id, revision, c => DraftEdits.DeleteActivity(c, key), T["Activity deleted. Learners keep it until you publish."], ct);

    /// <param name="layout">What drag and drop sends: "section:activity,activity;section:..." in the new order.</param>
    public Task<IActionResult> OnPostReorderAsync(Guid id, int revision, string? layout, CancellationToken ct)
    {
        var parsed = (layout ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var pieces = part.Split(':');
            return (pieces[0], (IReadOnlyList<string>)(pieces.Length > 1 ? pieces[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : []));
        }).ToList();
        return ChangeAsync(id, revision, c => DraftEdits.Reorder(c, parsed), T["New order saved."], ct);
    }

    public async Task<IActionResult> OnPostAddActivityAsync(Guid id, int revision, string section, string? kind, string? title, CancellationToken ct)
    {
        if (!Enum.TryParse<ActivityKind>(kind, true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return await ShowAsync(id, [T["Choose the kind of activity."]], ct);
        }

        var key = "";
        var result = await drafts.ChangeAsync(id, revision, User.Identity?.Name, c => DraftEdits.AddActivity(c, section, parsed, title, out key), ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, result, ct);
        }

        Message = T["Activity added. Write its content now."];
        return Redirect($"/admin/courses/{id}/activities/{key}");
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, int revision, CancellationToken ct)
    {
        if (!await MayPublishAsync())
        {
            return Forbid();
        }

        var result = await publisher.TryPublishAsync(id, User.Identity?.Name, revision, ct);
        switch (result.Outcome)
        {
            case PublishOutcome.Published:
                Message = result.Version == 1
                    ? T["Published as version 1. To give it to learners, assign it to everyone, a tier or an org unit (\"Assign to learners\")."]
                    : T["Published as version {0}. Learners see it from now on.", result.Version!];
                return Redirect($"/admin/courses/{id}");
            case PublishOutcome.Unchanged:
                Message = T["Nothing to publish: learners already see this draft (version {0}).", result.Version!];
                return Redirect($"/admin/courses/{id}");
            case PublishOutcome.NotFound:
                return NotFound();
            case PublishOutcome.Conflict:
                return await ShowAsync(id, [T["The draft changed since you opened this page, so it was not published. Check the latest draft below, then publish again."]], ct);
            default:
                return await ShowAsync(id, [T["The course cannot be published yet:"], .. result.Problems.Select(p => p.Localize(T))], ct);
        }
    }

    public async Task<IActionResult> OnPostRequestReviewAsync(Guid id, int revision, CancellationToken ct)
    {
        var result = await lifecycle.RequestReviewAsync(id, revision, User.Identity?.Name, ct);
        if (!result.Succeeded)
        {
            return result.Outcome == DraftOutcome.Invalid
                ? await ShowAsync(id, [T["The course cannot be published yet:"], .. result.Problems.Select(p => p.Localize(T))], ct)
                : await RefusedAsync(id, result, ct);
        }

        Message = T["Review requested. An administrator who may publish will see it in the course list."];
        return Redirect($"/admin/courses/{id}");
    }

    public async Task<IActionResult> OnPostDuplicateAsync(Guid id, CancellationToken ct)
    {
        var created = await lifecycle.DuplicateAsync(id, T["Copy of {0}"], User.Identity?.Name, ct);
        if (created.Id is not { } copy)
        {
            return await ShowAsync(id, created.Problems.Select(p => p.Localize(T)).ToList(), ct);
        }

        Message = T["This is the copy. It is a new course: nobody's progress in the original moves to it."];
        return Redirect($"/admin/courses/{copy}");
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!await MayPublishAsync())
        {
            return Forbid();
        }

        if (!await lifecycle.ArchiveAsync(id, User.Identity?.Name, ct))
        {
            return NotFound();
        }

        Message = T["Archived. Learners no longer see the course; their records stay. Publish it again to bring it back."];
        return Redirect($"/admin/courses/{id}");
    }

    private async Task<IActionResult> ChangeAsync(Guid id, int revision, Func<RecipeCourse, IEnumerable<CourseProblem>> change, string done, CancellationToken ct, string? anchor = null)
    {
        var result = await drafts.ChangeAsync(id, revision, User.Identity?.Name, change, ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, result, ct);
        }

        Message = result.Outcome == DraftOutcome.Unchanged ? T["Nothing changed."] : done;
        return Redirect($"/admin/courses/{id}" + (anchor is null ? "" : "#" + anchor));
    }

    private async Task<IActionResult> RefusedAsync(Guid id, DraftResult result, CancellationToken ct) => result.Outcome switch
    {
        DraftOutcome.NotFound => NotFound(),
        DraftOutcome.Conflict => await ShowAsync(id, [await ConflictText.OfAsync(T, time, result)], ct),
        _ => await ShowAsync(id, result.Problems.Select(p => p.Localize(T)).ToList(), ct),
    };

    private async Task<IActionResult> ShowAsync(Guid id, IReadOnlyList<string> errors, CancellationToken ct)
    {
        Errors = errors;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> MayPublishAsync() => (await authorization.AuthorizeAsync(User, Permissions.PublishCourses.Name)).Succeeded;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (course is null)
        {
            return false;
        }

        (Course, Draft) = (course, CourseDrafts.RecipeOf(course));
        MayPublish = await MayPublishAsync();
        return true;
    }
}

internal static class ConflictText
{
    public static async Task<string> OfAsync(IStringLocalizer T, SiteTime time, DraftResult result)
    {
        await time.ZoneAsync();
        return T["Not saved: {0} changed this course at {1} after you opened it. The latest draft is shown; make your change again.",
            result.ConflictBy ?? "?", result.ConflictAt is { } at ? time.Format(at, "HH:mm:ss") : "?"];
    }
}
