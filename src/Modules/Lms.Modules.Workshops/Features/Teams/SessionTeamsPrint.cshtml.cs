using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>Every team's work of a session, one team per printed page (<c>/facilitate/sessions/{id}/teams/print</c>).</summary>
[Authorize(Policy = "RunWorkshops")]
public sealed class SessionTeamsPrintModel(TeamSheets sheets) : PageModel
{
    internal SessionSheets Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await sheets.ForSessionAsync(id, cancellationToken) is not { } data)
        {
            return NotFound();
        }

        Data = data;
        return Page();
    }
}
