using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Learning.Data;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning.Features.ManageAssignments;

[Authorize(Policy = "AssignCourses")]
public sealed class AssignmentsModel(LearningDbContext db, IMediator mediator, IStringLocalizer<LearningStrings> T) : PageModel
{
    internal sealed record Row(Guid Id, string Course, string Audience, DateOnly? DueDate, int Enrolled, int Completed);

    internal IReadOnlyList<Row> Rows { get; private set; } = [];
    internal IReadOnlyList<PublishedCourse> Courses { get; private set; } = [];
    internal IReadOnlyList<OrgUnitSummary> Units { get; private set; } = [];
    public string? Error { get; private set; }
    [TempData] public string? Saved { get; set; }

    [BindProperty(SupportsGet = true)] public Guid CourseId { get; set; }
    [BindProperty] public string Audience { get; set; } = "everyone";
    [BindProperty] public string? Tier { get; set; }
    [BindProperty] public Guid? OrgUnitId { get; set; }
    [BindProperty] public bool IncludeSubUnits { get; set; } = true;
    [BindProperty] public DateOnly? DueDate { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Error = T["Check the due date: enter it as a date (yyyy/MM/dd)."];
            await LoadAsync(cancellationToken);
            return Page();
        }

        var audience = Audience switch { "tier" => AssignmentAudience.Tier, "orgUnit" => AssignmentAudience.OrgUnit, _ => AssignmentAudience.Everyone };
        StaffTier? tier = StaffTierNames.TryParse(Tier, out var t) ? t : null;
        Error = await mediator.Send(new SaveAssignment(null, CourseId, audience, tier, OrgUnitId, IncludeSubUnits, DueDate, User.Identity?.Name ?? "?"), cancellationToken);
        if (Error is not null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        Saved = T["The course was assigned. Enrolments are updated within a few seconds."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        Saved = await mediator.Send(new RemoveAssignment(id), cancellationToken)
            ? T["The assignment was removed. People who had not completed the course are withdrawn; completions stay."]
            : T["This assignment no longer exists."];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Courses = await mediator.Send(new GetPublishedCourses(), cancellationToken);
        Units = await mediator.Send(new GetOrgUnits(), cancellationToken);
        var titles = Courses.ToDictionary(c => c.Id, c => c.Title);
        var paths = Units.ToDictionary(u => u.Id, u => u.Path);
        var counts = await db.Enrolments.AsNoTracking().Where(e => e.WithdrawnAt == null && e.AssignmentId != null)
            .GroupBy(e => e.AssignmentId!.Value)
            .Select(g => new { g.Key, Enrolled = g.Count(), Completed = g.Count(e => e.CompletedAt != null) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var assignments = await db.Assignments.AsNoTracking().ToListAsync(cancellationToken);
        Rows = assignments
            .Select(a => new Row(a.Id, titles.GetValueOrDefault(a.CourseId, T["(course not published)"]), Describe(a, paths), a.DueDate,
                counts.TryGetValue(a.Id, out var c) ? c.Enrolled : 0, counts.TryGetValue(a.Id, out var d) ? d.Completed : 0))
            .OrderBy(r => r.Course, StringComparer.Ordinal).ToList();
    }

    private string Describe(Assignment a, Dictionary<Guid, string> paths) => a.Audience switch
    {
        AssignmentAudience.Tier => T["Tier: {0}", T[TierLabel(a.Tier)]],
        AssignmentAudience.OrgUnit => a.IncludeSubUnits
            ? T["{0} and the units below it", paths.GetValueOrDefault(a.OrgUnitId ?? Guid.Empty, "?")]
            : T["{0} only", paths.GetValueOrDefault(a.OrgUnitId ?? Guid.Empty, "?")],
        _ => T["Everyone"],
    };

    internal static string TierLabel(StaffTier? tier) => tier switch
    {
        StaffTier.Executive => "Executives",
        StaffTier.Manager => "Managers",
        _ => "General staff",
    };
}
