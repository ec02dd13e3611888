using Lms.Framework.Settings;
using Lms.Framework.Content;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Recipes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Courses.Features.EditCourse;

/// <summary>One activity of a draft, with the editor its kind needs.</summary>
[Authorize(Policy = "ManageCourses")]
public sealed class ActivityEditorModel(CoursesDbContext db, CourseDrafts drafts, SiteTime time, IMarkdownRenderer markdown, IStringLocalizer<CoursesStrings> T) : PageModel
{
    internal Course Course { get; private set; } = null!;
    internal RecipeActivity Activity { get; private set; } = null!;
    internal string SectionTitle { get; private set; } = "";

    [BindProperty] public ActivityForm Form { get; set; } = new();
    [BindProperty] public int Revision { get; set; }
    /// <summary>After a refused save: the revision the author may knowingly overwrite.</summary>
    public int? ConflictRevision { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IHtmlContent? ServerPreview { get; private set; }
    [TempData] public string? Message { get; set; }

    public string Kind => Activity.Kind;

    public async Task<IActionResult> OnGetAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, key, cancellationToken))
        {
            return NotFound();
        }

        Form = ActivityForm.From(Activity);
        Revision = Course.DraftRevision;
        Form.AddBlankRows(Kind);
        return Page();
    }

    /// <param name="overwrite">The revision shown in a conflict message, sent by "save mine anyway": the author has seen that someone else changed the draft.</param>
    public async Task<IActionResult> OnPostSaveAsync(Guid id, string key, int? overwrite, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, key, cancellationToken))
        {
            return NotFound();
        }

        var original = Activity;
        var result = await drafts.ChangeAsync(id, overwrite ?? Revision, User.Identity?.Name, c => DraftEdits.SaveActivity(c, Form.ToActivity(original)), cancellationToken);
        switch (result.Outcome)
        {
            case EditCourse.DraftOutcome.Saved or EditCourse.DraftOutcome.Unchanged:
                Message = result.Outcome == EditCourse.DraftOutcome.Saved ? T["Saved to the draft. Learners see it after publishing."] : T["Nothing changed."];
                return Redirect($"/admin/courses/{id}/activities/{key}");
            case EditCourse.DraftOutcome.NotFound:
                return NotFound();
            case EditCourse.DraftOutcome.Conflict:
                await time.ZoneAsync(cancellationToken);
                Errors = [T["Not saved: {0} changed this course at {1} after you opened this page. Your text is still below. Open the course in another tab to see their change, then either copy your text over or save yours anyway.",
                    result.ConflictBy ?? "?", result.ConflictAt is { } at ? time.Format(at, "HH:mm:ss") : "?"]];
                ConflictRevision = result.Revision;
                break;
            default:
                Errors = result.Problems.Select(p => p.Localize(T)).ToList();
                break;
        }

        Form.AddBlankRows(Kind);
        return Page();
    }

    /// <summary>Without JavaScript: shows the Markdown as learners will see it, saving nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, key, cancellationToken))
        {
            return NotFound();
        }

        ServerPreview = markdown.Render(Form.Body ?? Form.Description ?? Form.Prompt ?? Form.Intro);
        Form.AddBlankRows(Kind);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (course is null)
        {
            return false;
        }

        var draft = CourseDrafts.RecipeOf(course);
        var section = draft.Sections.FirstOrDefault(s => s.Activities.Any(a => a.Key == key));
        if (section is null)
        {
            return false;
        }

        (Course, SectionTitle, Activity) = (course, section.Title, section.Activities.First(a => a.Key == key));
        return true;
    }
}
