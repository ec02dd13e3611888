using FluentValidation;
using Lms.Framework.Settings;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Features.ImportRoster;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.RosterImports;

[Authorize(Policy = "ManageOrganization")]
[RequestSizeLimit(200L * 1024 * 1024)]
public sealed class RosterImportsModel(OrganizationDbContext db, IMediator mediator, ISiteSettingsService settings, IAuthorizationService authorization) : PageModel
{
    private TimeZoneInfo timeZone = TimeZoneInfo.Utc;

    internal IReadOnlyList<RosterImport> Recent { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, timeZone);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? mode, string? encoding, CancellationToken ct)
    {
        try
        {
            await using var content = file?.OpenReadStream() ?? Stream.Null;
            var id = await mediator.Send(new StartRosterImport.Command(file?.FileName ?? "", content, file?.Length ?? 0, mode, encoding, User.Identity?.Name ?? "admin"), ct);
            return Redirect($"/admin/roster-imports/{id}");
        }
        catch (ValidationException e)
        {
            Errors.AddRange(e.Errors.Select(x => x.ErrorMessage).Distinct());
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCodesAsync(CancellationToken ct)
    {
        var includeAdmins = (await authorization.AuthorizeAsync(User, Permissions.AssignRoles.Name)).Succeeded;
        var csv = await mediator.Send(new FirstSignIn.IssueFirstSignInCodes(User.Identity?.Name ?? "admin", includeAdmins), ct);
        return File(csv, "text/csv; charset=utf-8", "first-sign-in-codes.csv");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        timeZone = (await settings.GetAsync(ct)).TimeZone;
        Recent = await db.RosterImports.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(20).ToListAsync(ct);
    }
}
