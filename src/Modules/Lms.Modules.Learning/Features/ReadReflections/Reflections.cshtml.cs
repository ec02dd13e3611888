using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.ReadReflections;

/// <summary>
/// Facilitators read what learners wrote in reflections whose author allowed it, one activity at a
/// time, newest first: to prepare a workshop or follow up on it. Other reflections are never listed.
/// </summary>
[Authorize(Policy = "ReadSharedReflections")]
public sealed class ReflectionsModel(LearningDbContext db, IMediator mediator, SiteCalendar calendar) : PageModel
{
    private const int PageSize = 50;

    internal sealed record Option(Guid ActivityId, string Label);

    internal sealed record Entry(string Name, string UnitPath, DateTimeOffset SubmittedAt, string Text);

    internal IReadOnlyList<Option> Options { get; private set; } = [];
    internal IReadOnlyList<Entry> Entries { get; private set; } = [];
    internal TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public int Total { get; private set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Guid? Activity { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Zone = await calendar.ZoneAsync(cancellationToken);
        var shared = (await mediator.Send(new GetPublishedCourses(), cancellationToken))
            .SelectMany(c => c.Activities.Where(a => a.Reflection is { ShareWithFacilitator: true }).Select(a => new Option(a.Id, $"{c.Title} › {a.Title}")))
            .ToList();
        Options = shared;
        if (Activity is not { } activity || shared.All(o => o.ActivityId != activity))
        {
            Activity = null;
            return;
        }

        var query = db.Responses.AsNoTracking().Where(r => r.ActivityId == activity && r.Text != null);
        Total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.SubmittedAt).Take(PageSize).ToListAsync(cancellationToken);
        var cards = (await mediator.Send(new GetStaffCards(rows.Select(r => r.StaffId).ToList()), cancellationToken)).ToDictionary(c => c.StaffId);
        Entries = rows.Select(r => cards.TryGetValue(r.StaffId, out var card)
            ? new Entry(card.Name, card.UnitPath, r.SubmittedAt, r.Text!)
            : new Entry("?", "", r.SubmittedAt, r.Text!)).ToList();
    }
}
