using System.Text.Json;
using Lms.Modules.Organization.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.RosterImports;

[Authorize(Policy = "ManageOrganization")]
public sealed class RosterImportResultModel(OrganizationDbContext db) : PageModel
{
    public sealed record Problem(int Line, string Column, string Message);

    internal RosterImport Import { get; private set; } = null!;
    public IReadOnlyList<Problem> Errors { get; private set; } = [];
    public bool InProgress => Import.Status is RosterImportStatus.Pending or RosterImportStatus.Running;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var import = await db.RosterImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (import is null)
        {
            return NotFound();
        }

        Import = import;
        Errors = JsonSerializer.Deserialize<List<Problem>>(import.ErrorsJson, JsonSerializerOptions.Web) ?? [];
        return Page();
    }
}
