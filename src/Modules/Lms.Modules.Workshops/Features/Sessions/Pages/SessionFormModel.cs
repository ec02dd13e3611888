using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Sessions.Pages;

/// <summary>
/// The session form shared by "new" and "edit": dates and times on the site's clock, tiers as checkboxes,
/// facilitators chosen from the people holding the Facilitator role (and the person filling it in).
/// </summary>
public abstract class SessionFormModel(WorkshopCatalog catalog, IMediator mediator, SiteTime time) : PageModel
{
    public sealed record Option(Guid Id, string Label);

    [BindProperty] public Guid ActivityId { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public TimeOnly? StartTime { get; set; }
    [BindProperty] public TimeOnly? EndTime { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? OnlineUrl { get; set; }
    [BindProperty] public int? Capacity { get; set; }
    [BindProperty] public DateOnly? DeadlineDate { get; set; }
    [BindProperty] public TimeOnly? DeadlineTime { get; set; }
    [BindProperty] public List<string> Tiers { get; set; } = [];
    [BindProperty] public List<Guid> FacilitatorIds { get; set; } = [];
    [BindProperty] public string? Notes { get; set; }

    private protected WorkshopCatalog Catalog => catalog;
    private protected SiteTime Time => time;

    public IReadOnlyList<Option> Workshops { get; private set; } = [];
    public IReadOnlyList<Option> FacilitatorOptions { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Problems { get; protected set; } = new Dictionary<string, string>();
    public abstract bool IsNew { get; }
    public abstract string FormAction { get; }

    protected async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        Workshops = (await catalog.AllAsync(cancellationToken)).Values
            .OrderBy(w => w.CourseTitle, StringComparer.Ordinal).ThenBy(w => w.Title, StringComparer.Ordinal)
            .Select(w => new Option(w.ActivityId, $"{w.CourseTitle} › {w.Title}")).ToList();
        var people = (await mediator.Send(new GetStaffInRole(RoleNames.Facilitator), cancellationToken)).ToList();
        var wanted = FacilitatorIds.Concat(User.GetStaffId() is { } me ? [me] : []).Where(id => people.All(p => p.StaffId != id)).ToList();
        if (wanted.Count > 0)
        {
            people.AddRange(await mediator.Send(new GetStaffCards(wanted), cancellationToken));
        }

        FacilitatorOptions = people.DistinctBy(p => p.StaffId).Select(p => new Option(p.StaffId, $"{p.Name}（{p.UnitPath}）")).ToList();
    }

    /// <summary>The form as the editor's input, or problems with fields it could not even read.</summary>
    private protected async Task<(SessionInput? Input, Dictionary<string, string> Problems)> ReadAsync(IStringLocalizer<WorkshopsStrings> T, CancellationToken cancellationToken)
    {
        await time.ZoneAsync(cancellationToken);
        var problems = new Dictionary<string, string>();
        if (Date is null)
        {
            problems[nameof(Date)] = T["Enter the date."];
        }

        if (StartTime is null || EndTime is null)
        {
            problems[nameof(EndTime)] = T["Enter the start and end times."];
        }

        if (Capacity is null)
        {
            problems[nameof(Capacity)] = T["Enter the number of seats."];
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var starts = time.FromLocal(Date!.Value, StartTime!.Value);
        var ends = time.FromLocal(Date.Value, EndTime!.Value);
        // No deadline given: registration stays open until the start.
        var deadline = DeadlineDate is { } d ? time.FromLocal(d, DeadlineTime ?? new TimeOnly(17, 0)) : starts;
        var tiers = Tiers.Select(t => StaffTierNames.TryParse(t, out var tier) ? tier : (StaffTier?)null).OfType<StaffTier>().ToList();
        return (new SessionInput(ActivityId, starts, ends, Place, OnlineUrl, Capacity!.Value, deadline, tiers, FacilitatorIds, Notes), problems);
    }

    private protected void Fill(Data.WorkshopSession session)
    {
        ActivityId = session.ActivityId;
        var start = time.Local(session.StartsAt);
        var end = time.Local(session.EndsAt);
        var deadline = time.Local(session.RegistrationDeadline);
        Date = DateOnly.FromDateTime(start.DateTime);
        StartTime = TimeOnly.FromDateTime(start.DateTime);
        EndTime = TimeOnly.FromDateTime(end.DateTime);
        DeadlineDate = DateOnly.FromDateTime(deadline.DateTime);
        DeadlineTime = TimeOnly.FromDateTime(deadline.DateTime);
        Place = session.Place;
        OnlineUrl = session.OnlineUrl;
        Capacity = session.Capacity;
        Tiers = SessionTiers.Parse(session.Tiers).Select(t => t.ToApiValue()).ToList();
        FacilitatorIds = session.Facilitators.Select(f => f.StaffId).ToList();
        Notes = session.Notes;
    }
}
