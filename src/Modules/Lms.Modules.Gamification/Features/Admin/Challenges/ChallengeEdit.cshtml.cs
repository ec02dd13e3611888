using System.Globalization;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Challenges;

/// <summary><c>/admin/gamification/challenges/new</c> and <c>/admin/gamification/challenges/{id}</c>.</summary>
[Authorize(Policy = "ManageBadges")]
public sealed class ChallengeEditModel(GamificationDbContext db, IMediator mediator, IStringLocalizer<GamificationStrings> T) : PageModel
{
    // The module's services are internal (they are not its contract), so this public page model asks for them per request.
    private ChallengeEditor Editor => HttpContext.RequestServices.GetRequiredService<ChallengeEditor>();

    [BindProperty] public string? TitleJa { get; set; }
    [BindProperty] public string? TitleEn { get; set; }
    [BindProperty] public string? Department { get; set; }
    [BindProperty] public string? TargetPercent { get; set; } = "80";
    [BindProperty] public string? StartsOn { get; set; }
    [BindProperty] public string? EndsOn { get; set; }

    public Guid? ChallengeId { get; private set; }
    public bool IsNew => ChallengeId is null;
    public bool IsArchived { get; private set; }
    public IReadOnlyList<OrgUnitSummary> Departments { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        if (found.Challenge is { } challenge)
        {
            TitleJa = challenge.TitleJa;
            TitleEn = challenge.TitleEn;
            Department = challenge.OrgUnitId?.ToString();
            TargetPercent = challenge.TargetPercent.ToString(CultureInfo.InvariantCulture);
            StartsOn = challenge.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            EndsOn = challenge.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        await LoadAsync(found.Challenge, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var (challenge, problems) = await Editor.SaveAsync(found.Challenge?.Id, new ChallengeInput(TitleJa, TitleEn, Department, TargetPercent, StartsOn, EndsOn), User.Identity?.Name, cancellationToken);
        if (challenge is null)
        {
            Problems = problems;
            await LoadAsync(found.Challenge, cancellationToken);
            return Page();
        }

        TempData["Done"] = T["The challenge “{0}” is saved.", challenge.TitleJa].Value;
        return Redirect("/admin/gamification/challenges");
    }

    public Task<IActionResult> OnPostArchiveAsync(string id, CancellationToken cancellationToken) => SetArchivedAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostUnarchiveAsync(string id, CancellationToken cancellationToken) => SetArchivedAsync(id, false, cancellationToken);

    private async Task<IActionResult> SetArchivedAsync(string id, bool archived, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { Challenge: { } challenge })
        {
            return NotFound();
        }

        await Editor.SetArchivedAsync(challenge.Id, archived, User.Identity?.Name, cancellationToken);
        TempData["Done"] = archived
            ? T["The challenge “{0}” is archived: staff no longer see it.", challenge.TitleJa].Value
            : T["The challenge “{0}” is shown to staff again.", challenge.TitleJa].Value;
        return Redirect("/admin/gamification/challenges");
    }

    private async Task<(Challenge? Challenge, bool Found)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (id == "new")
        {
            return (null, true);
        }

        if (!Guid.TryParse(id, out var challengeId))
        {
            return null;
        }

        var challenge = await db.Challenges.AsNoTracking().FirstOrDefaultAsync(c => c.Id == challengeId, cancellationToken);
        return challenge is null ? null : (challenge, true);
    }

    private async Task LoadAsync(Challenge? challenge, CancellationToken cancellationToken)
    {
        ChallengeId = challenge?.Id;
        IsArchived = challenge?.IsArchived ?? false;
        var departments = (await Editor.DepartmentsAsync(cancellationToken)).ToList();
        if (challenge?.OrgUnitId is { } unit && departments.All(d => d.Id != unit))
        {
            // Its unit is no longer at the top of the chart; still offer it, so saving does not silently change it.
            var all = await mediator.Send(new GetOrgUnits(), cancellationToken);
            if (all.FirstOrDefault(u => u.Id == unit) is { } current)
            {
                departments.Add(current);
            }
        }

        Departments = departments;
    }
}
