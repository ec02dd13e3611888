using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>A team's work as a clean page to read after the session and print (<c>/workshops/teams/{teamId}/print</c>); same access as the work page.</summary>
[Authorize(Policy = "AttendWorkshops")]
public sealed class TeamPrintModel(TeamLookup lookup, TeamSheets sheets) : PageModel
{
    internal TeamSheet Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken cancellationToken)
    {
        var (_, access) = await lookup.AccessAsync(teamId, User, cancellationToken);
        if (access == TeamAccess.NotFound)
        {
            return NotFound();
        }

        if (access == TeamAccess.Forbidden)
        {
            return Forbid();
        }

        Sheet = (await sheets.ForTeamAsync(teamId, cancellationToken))!;
        return Page();
    }
}
