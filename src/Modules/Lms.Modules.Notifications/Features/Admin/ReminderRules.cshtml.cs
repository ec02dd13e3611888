using Lms.Contracts.Courses;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Notifications.Features.Admin;

/// <summary>The reminder rules: switch them on or off, change their days, add one for a particular course.</summary>
[Authorize(Policy = "ManageNotifications")]
public sealed class ReminderRulesModel(NotificationsDbContext db, IMediator mediator, IStringLocalizer<NotificationsStrings> T) : PageModel
{
    public sealed record RuleRow(Guid Id, string Key, string Kind, Guid? CourseId, string Course, int Days, int? RepeatEveryDays, int? MaxTimes, bool Enabled, string Description, bool Custom);

    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Title)> Courses { get; private set; } = [];
    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public Guid? CourseId { get; set; }
    [BindProperty] public int? Days { get; set; }
    [BindProperty] public int? RepeatEveryDays { get; set; }
    [BindProperty] public int? MaxTimes { get; set; }
    [BindProperty] public bool Enabled { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken cancellationToken)
    {
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return NotFound();
        }

        if (Validate(rule.Kind) is { } problem)
        {
            Error = problem;
            await LoadAsync(cancellationToken);
            return Page();
        }

        Apply(rule);
        await db.SaveChangesAsync(cancellationToken);
        Message = T["The rule is saved. The next sweep applies it."];
        return Redirect("/admin/notifications/rules");
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (Kind is null || !NotificationKinds.RuleKinds.Contains(Kind))
        {
            Error = T["Choose what the rule reminds of."];
        }
        else if (Validate(Kind) is { } problem)
        {
            Error = problem;
        }
        else if (CourseId is { } course && !(await mediator.Send(new GetPublishedCourses([course]), cancellationToken)).Any())
        {
            Error = T["Choose a published course, or all courses."];
        }

        if (Error is not null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var rule = new ReminderRule { Id = Guid.NewGuid(), Key = $"custom-{Kind}-{Guid.NewGuid().ToString("N")[..8]}", Kind = Kind!, CourseId = CourseId };
        Enabled = true;
        Apply(rule);
        db.Rules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        Message = T["The rule is added. The next sweep applies it."];
        return Redirect("/admin/notifications/rules");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var deleted = await db.Rules.Where(r => r.Id == id && r.Key.StartsWith("custom-")).ExecuteDeleteAsync(cancellationToken);
        Message = deleted > 0 ? T["The rule is deleted."] : T["Only rules added here can be deleted; switch a standard rule off instead."];
        return Redirect("/admin/notifications/rules");
    }

    private void Apply(ReminderRule rule)
    {
        rule.Enabled = Enabled;
        rule.Days = Days ?? rule.Days;
        rule.RepeatEveryDays = rule.Kind == NotificationKinds.Overdue ? RepeatEveryDays : null;
        rule.MaxTimes = rule.Kind == NotificationKinds.Overdue ? MaxTimes : null;
        rule.UpdatedAt = Clock.Milliseconds(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        rule.UpdatedBy = User.Identity?.Name;
    }

    private string? Validate(string kind) => kind switch
    {
        NotificationKinds.DueSoon when Days is not (>= 0 and <= 365) => T["Days before the due date must be from 0 to 365."].Value,
        NotificationKinds.Overdue when Days is not (>= 1 and <= 365) => T["Days after the due date must be from 1 to 365."].Value,
        NotificationKinds.Overdue when RepeatEveryDays is not null and not (>= 1 and <= 90) => T["Repeat every 1 to 90 days, or leave it empty to remind once."].Value,
        NotificationKinds.Overdue when MaxTimes is not null and not (>= 1 and <= 20) => T["Remind at most 1 to 20 times."].Value,
        NotificationKinds.Inactive when Days is not (>= 1 and <= 365) => T["Days without progress must be from 1 to 365."].Value,
        NotificationKinds.Escalation when Days is not (>= 0 and <= 365) => T["Days overdue before the manager hears of it must be from 0 to 365."].Value,
        _ => null,
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var published = await mediator.Send(new GetPublishedCourses(), cancellationToken);
        Courses = published.OrderBy(c => c.Title, StringComparer.Ordinal).Select(c => (c.Id, c.Title)).ToList();
        var titles = published.ToDictionary(c => c.Id, c => c.Title);
        var rules = await db.Rules.AsNoTracking().ToListAsync(cancellationToken);
        Rules = rules.OrderBy(r => NotificationKinds.RuleKinds.ToList().IndexOf(r.Kind)).ThenBy(r => r.CourseId is null ? 0 : 1).ThenBy(r => r.Days)
            .Select(r => new RuleRow(r.Id, r.Key, r.Kind, r.CourseId, r.CourseId is { } c ? titles.GetValueOrDefault(c, T["(a course no longer published)"]) : T["All courses"],
                r.Days, r.RepeatEveryDays, r.MaxTimes, r.Enabled, Describe(r), r.Key.StartsWith("custom-", StringComparison.Ordinal)))
            .ToList();
    }

    private string Describe(ReminderRule r) => r.Kind switch
    {
        NotificationKinds.DueSoon => r.Days == 0 ? T["On the due date"] : T["{0} days before the due date", r.Days],
        NotificationKinds.Overdue => r.RepeatEveryDays is { } every
            ? T["{0} days after the due date, then every {1} days, at most {2} times", r.Days, every, r.MaxTimes ?? 1]
            : T["{0} days after the due date, once", r.Days],
        NotificationKinds.Inactive => T["After {0} days without progress (not while due-date reminders run)", r.Days],
        NotificationKinds.SessionTomorrow => T["The working day before a workshop session one holds a seat in"],
        NotificationKinds.WaitlistSeat => T["At once, when a waiting-list place becomes a seat"],
        NotificationKinds.Escalation => T["Overdue by more than {0} days: listed in the manager's weekly digest", r.Days],
        _ => r.Kind,
    };
}
