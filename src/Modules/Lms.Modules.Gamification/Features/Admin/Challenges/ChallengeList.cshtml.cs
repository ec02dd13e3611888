using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Features.Admin.Challenges;

/// <summary><c>/admin/gamification/challenges</c>: every department challenge, current ones first.</summary>
[Authorize(Policy = "ManageBadges")]
public sealed class ChallengeListModel(GamificationDbContext db, IMediator mediator) : PageModel
{
    public sealed record Row(Guid Id, string TitleJa, string TitleEn, string? Department, int TargetPercent, DateOnly StartsOn, DateOnly EndsOn, bool Archived);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var units = (await mediator.Send(new GetOrgUnits(), cancellationToken)).ToDictionary(u => u.Id, u => u.Path);
        var challenges = await db.Challenges.AsNoTracking().ToListAsync(cancellationToken);
        Rows = challenges.OrderBy(c => c.IsArchived).ThenByDescending(c => c.EndsOn).ThenBy(c => c.TitleJa, StringComparer.Ordinal)
            .Select(c => new Row(c.Id, c.TitleJa, c.TitleEn, c.OrgUnitId is { } unit ? units.GetValueOrDefault(unit, "?") : null, c.TargetPercent, c.StartsOn, c.EndsOn, c.IsArchived))
            .ToList();
    }
}
