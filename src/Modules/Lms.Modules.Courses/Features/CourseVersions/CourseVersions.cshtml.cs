using Lms.Framework.Settings;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Features.EditCourse;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Courses.Features.CourseVersions;

/// <summary>Who published what and when; what changed between two versions (or the draft); an old version back as the draft.</summary>
[Authorize(Policy = "ManageCourses")]
public sealed class CourseVersionsModel(CoursesDbContext db, CourseHistory history, CourseLifecycle lifecycle, SiteTime time, IStringLocalizer<CoursesStrings> T) : PageModel
{
    internal Course Course { get; private set; } = null!;
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public IReadOnlyList<FieldChange>? Changes { get; private set; }
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // By default: what publishing the draft now would change for learners.
        From ??= Course.PublishedVersion ?? (Versions.Count > 0 ? Versions[0].Version : null);
        To ??= CourseHistory.Draft;
        if (From is { } from && To is { } to)
        {
            Changes = await history.CompareAsync(id, from, to, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, int version, int revision, CancellationToken cancellationToken)
    {
        var result = await lifecycle.RestoreAsync(id, version, revision, User.Identity?.Name, cancellationToken);
        switch (result.Outcome)
        {
            case DraftOutcome.Saved or DraftOutcome.Unchanged:
                Message = T["Version {0} is the draft again. Check it, then publish it to give it to learners.", version];
                return Redirect($"/admin/courses/{id}");
            case DraftOutcome.NotFound:
                return NotFound();
            default:
                Errors = [await ConflictText.OfAsync(T, time, result)];
                await LoadAsync(id, cancellationToken);
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (course is null)
        {
            return false;
        }

        Course = course;
        Versions = await history.VersionsAsync(id, cancellationToken);
        return true;
    }
}
