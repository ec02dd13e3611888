using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Sessions.Pages;

[Authorize(Policy = "RunWorkshops")]
public sealed class EditSessionModel(WorkshopsDbContext db, WorkshopCatalog catalog, IMediator mediator, SiteTime time, SessionEditor editor, IStringLocalizer<WorkshopsStrings> T)
    : SessionFormModel(catalog, mediator, time)
{
    public Guid Id { get; private set; }
    public bool Cancelled { get; private set; }
    public int Registered { get; private set; }
    public override bool IsNew => false;
    public override string FormAction => $"/facilitate/sessions/{Id}/edit";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().Include(s => s.Facilitators).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }

        await Time.ZoneAsync(cancellationToken);
        Fill(session);
        await LoadAsync(session, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null)
        {
            return NotFound();
        }

        var (input, problems) = await ReadAsync(T, cancellationToken);
        if (input is not null)
        {
            var checks = await editor.UpdateAsync(id, input, cancellationToken);
            if (checks is null)
            {
                return NotFound();
            }

            if (!checks.Any)
            {
                TempData["Done"] = T["The session is saved."].Value;
                return Redirect($"/facilitate/sessions/{id}");
            }

            problems = checks.ByField.ToDictionary();
        }

        Problems = problems;
        ActivityId = session.ActivityId;
        await LoadAsync(session, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelSessionAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Sessions.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return NotFound();
        }

        await editor.CancelAsync(id, User.GetStaffId(), cancellationToken);
        TempData["Done"] = T["The session is cancelled. Registered staff see it as cancelled on their workshop page."].Value;
        return Redirect("/facilitate/sessions");
    }

    private async Task LoadAsync(WorkshopSession session, CancellationToken cancellationToken)
    {
        Id = session.Id;
        Cancelled = session.CancelledAt is not null;
        Registered = await db.Registrations.CountAsync(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Registered, cancellationToken);
        await LoadOptionsAsync(cancellationToken);
    }
}
