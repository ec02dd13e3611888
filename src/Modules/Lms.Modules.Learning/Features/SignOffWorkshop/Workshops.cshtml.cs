using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Learning.Data;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning.Features.SignOffWorkshop;

/// <summary>
/// The facilitator's attendance sheet for a workshop activity: everyone enrolled who has not been
/// signed off yet, narrowed by name or unit, ticked and confirmed in one go.
/// </summary>
[Authorize(Policy = "SignOffWorkshops")]
public sealed class WorkshopsModel(LearningDbContext db, IMediator mediator, IStringLocalizer<LearningStrings> T) : PageModel
{
    private const int Shown = 200;

    internal sealed record Option(Guid ActivityId, string Label);

    internal IReadOnlyList<Option> Options { get; private set; } = [];
    internal IReadOnlyList<StaffCard> People { get; private set; } = [];
    public int Waiting { get; private set; }
    [TempData] public string? Saved { get; set; }

    [BindProperty(SupportsGet = true)] public Guid? Activity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public List<Guid> StaffIds { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Activity is not { } activity || StaffIds.Count == 0)
        {
            Saved = T["Tick the people who took part, then confirm."];
            return RedirectToPage(new { activity = Activity, q = Q });
        }

        var count = await mediator.Send(new SignOffWorkshop(activity, StaffIds), cancellationToken);
        Saved = T["Attendance confirmed for {0} people. Their workshop activity is complete.", count];
        return RedirectToPage(new { activity, q = Q });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var courses = await mediator.Send(new GetPublishedCourses(), cancellationToken);
        Options = courses.SelectMany(c => c.Activities.Where(a => a.Workshop is not null).Select(a => new Option(a.Id, $"{c.Title} › {a.Title}"))).ToList();
        var course = courses.FirstOrDefault(c => c.FindActivity(Activity ?? Guid.Empty)?.Workshop is not null);
        if (course is null)
        {
            Activity = null;
            return;
        }

        var done = db.Completions.Where(c => c.ActivityId == Activity);
        var waiting = await db.Enrolments.AsNoTracking()
            .Where(e => e.CourseId == course.Id && e.WithdrawnAt == null && !done.Any(c => c.StaffId == e.StaffId))
            .Select(e => e.StaffId).ToListAsync(cancellationToken);
        var cards = (await mediator.Send(new GetStaffCards(waiting), cancellationToken)).Where(c => c.IsActive);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            cards = cards.Where(c => c.Name.Contains(q, StringComparison.Ordinal) || c.UnitPath.Contains(q, StringComparison.Ordinal) || c.EmployeeNumber == q);
        }

        var all = cards.OrderBy(c => c.UnitPath, StringComparer.Ordinal).ThenBy(c => c.EmployeeNumber, StringComparer.Ordinal).ToList();
        Waiting = all.Count;
        People = all.Take(Shown).ToList();
    }
}
