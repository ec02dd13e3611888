using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Sessions.Pages;

[Authorize(Policy = "RunWorkshops")]
public sealed class NewSessionModel(WorkshopCatalog catalog, IMediator mediator, SiteTime time, SessionEditor editor, TimeProvider clock, IStringLocalizer<WorkshopsStrings> T)
    : SessionFormModel(catalog, mediator, time)
{
    public override bool IsNew => true;
    public override string FormAction => "/facilitate/sessions/new";

    public async Task OnGetAsync(Guid? workshop, CancellationToken cancellationToken)
    {
        await Time.ZoneAsync(cancellationToken);
        // A sensible start: the same weekday next week, 13:30-15:00, registration closing two days before at 17:00.
        var today = DateOnly.FromDateTime(Time.Local(clock.GetUtcNow()).DateTime);
        var day = today.AddDays(7);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        var info = workshop is { } w ? await Catalog.FindAsync(w, cancellationToken) : null;
        ActivityId = info?.ActivityId ?? Guid.Empty;
        Date = day;
        StartTime = new TimeOnly(13, 30);
        EndTime = StartTime.Value.AddMinutes(info?.DurationMinutes is > 0 and <= 720 ? info.DurationMinutes.Value : 90);
        DeadlineDate = day.AddDays(-2);
        DeadlineTime = new TimeOnly(17, 0);
        Capacity = 24;
        Tiers = info?.CourseTiers.Select(t => t.ToApiValue()).ToList() ?? [];
        FacilitatorIds = User.GetStaffId() is { } me ? [me] : [];
        await LoadOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (input, problems) = await ReadAsync(T, cancellationToken);
        if (input is not null)
        {
            var (id, checks) = await editor.CreateAsync(input, User.GetStaffId(), cancellationToken);
            if (id is { } created)
            {
                TempData["Done"] = T["The session is scheduled. Staff enrolled in the course can register now."].Value;
                return Redirect($"/facilitate/sessions/{created}");
            }

            problems = checks.ByField.ToDictionary();
        }

        Problems = problems;
        await LoadOptionsAsync(cancellationToken);
        return Page();
    }
}
