using Lms.Contracts.Media;
using Lms.Modules.Media.Data;
using Lms.Modules.Media.Features.DeleteMedia;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Media.Features.ManageMedia;

/// <summary>One file: its URL and Markdown, its alternative text, where it is used, and (if nowhere) deleting it.</summary>
[Authorize(Policy = "ManageMedia")]
public sealed class MediaDetailModel(MediaDbContext db, IMediator mediator, IStringLocalizer<MediaStrings> T) : PageModel
{
    internal MediaFile Item { get; private set; } = null!;
    internal IReadOnlyList<MediaUsage> Usages { get; private set; } = [];
    [TempData] public string? Saved { get; set; }
    public string? Error { get; private set; }

    /// <summary>?delete=1: the confirmation step before the delete.</summary>
    [BindProperty(SupportsGet = true)] public bool Delete { get; set; }

    [BindProperty] public string? Alt { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAltAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new UpdateMediaAlt(id, Alt), cancellationToken))
        {
            return NotFound();
        }

        Saved = T["The alternative text was saved."];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new DeleteMedia.DeleteMedia(id), cancellationToken);
        switch (result.Outcome)
        {
            case DeleteOutcome.Deleted:
                TempData[nameof(MediaModel.Saved)] = T["The file was deleted."].Value;
                return RedirectToPage("/Features/ManageMedia/Media");
            case DeleteOutcome.NotFound:
                return NotFound();
            default:
                await LoadAsync(id, cancellationToken);
                Delete = false;
                Error = T["This file is still used, so it was not deleted. Remove it from the places listed first."];
                return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken) is not { } file)
        {
            return false;
        }

        Item = file;
        Usages = await mediator.Send(new FindMediaUsages(id), cancellationToken);
        return true;
    }
}
