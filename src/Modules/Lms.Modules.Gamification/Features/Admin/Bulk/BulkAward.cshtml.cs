using Lms.Modules.Gamification.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Bulk;

/// <summary>
/// Award or revoke a badge for everyone a CSV file lists: upload, look at what would change, confirm.
/// The confirmation posts the file's bytes back and everything is checked again from them.
/// </summary>
[Authorize(Policy = "ManageBadges")]
[RequestSizeLimit(4L * 1024 * 1024)]
public sealed class BulkAwardModel(GamificationDbContext db, IStringLocalizer<GamificationStrings> T) : PageModel
{
    // The module's services are internal (they are not its contract), so this public page model asks for them per request.
    private BulkAwards Bulk => HttpContext.RequestServices.GetRequiredService<BulkAwards>();

    /// <summary>At most this many rows of each list are shown; the counts are always complete.</summary>
    public const int ShownRows = 500;

    [BindProperty] public string? Operation { get; set; } = "award";
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? FileData { get; set; }
    [BindProperty] public string? FileName { get; set; }
    [BindProperty] public string? Fingerprint { get; set; }

    public Guid Id { get; private set; }
    public string BadgeName { get; private set; } = "";
    public bool Archived { get; private set; }
    internal BulkPlan? Plan { get; private set; }
    public bool PlanChanged { get; private set; }
    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The upload: checks the file and shows what would change. Writes nothing.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var bytes = await ReadUploadAsync(cancellationToken);
        if (bytes is not null)
        {
            FileData = Convert.ToBase64String(bytes);
            FileName = Path.GetFileName(Upload?.FileName ?? FileName ?? "");
        }

        var check = await Bulk.CheckAsync(id, bytes, Operation, Reason, cancellationToken);
        Show(check);
        return Page();
    }

    /// <summary>The confirmation: the same file, read and checked again, applied in one transaction.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var bytes = Decode(FileData);
        var result = await Bulk.ApplyAsync(id, bytes, Operation, Reason, Fingerprint, User.Identity?.Name ?? "?", cancellationToken);
        if (result.Check is { } check)
        {
            PlanChanged = result.PlanChanged;
            Show(check);
            return Page();
        }

        TempData["Done"] = result.Changed == 0
            ? T["Nobody needed a change: everyone in the file was already in that state."].Value
            : BulkAwards.TryParseAction(Operation, out var action) && action == BulkAction.Revoke
                ? T["The badge was revoked from {0} people.", result.Changed].Value
                : T["The badge was awarded to {0} people. They see it on their badges page now.", result.Changed].Value;
        return Redirect($"/admin/badges/{id}");
    }

    private void Show(BulkCheck check)
    {
        Problems = check.Problems;
        Plan = check.Plan;
        Fingerprint = check.Plan?.Fingerprint;
        if (check.Problems.ContainsKey("File"))
        {
            // A file that cannot be read is not worth carrying to the next try.
            FileData = null;
            FileName = null;
        }
    }

    private async Task<byte[]?> ReadUploadAsync(CancellationToken cancellationToken)
    {
        if (Upload is not { Length: > 0 } upload)
        {
            // No new file chosen: the one uploaded before (kept in the form after a mistake elsewhere).
            return Decode(FileData);
        }

        if (upload.Length > BulkCsv.MaxBytes)
        {
            return new byte[BulkCsv.MaxBytes + 1]; // the reader says "too large" in words; no need to read it all
        }

        using var memory = new MemoryStream();
        await upload.CopyToAsync(memory, cancellationToken);
        return memory.ToArray();
    }

    private static byte[]? Decode(string? base64)
    {
        if (string.IsNullOrEmpty(base64) || base64.Length > (BulkCsv.MaxBytes + 2) / 3 * 4 + 4)
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var badge = await db.Badges.AsNoTracking().Where(b => b.Id == id).Select(b => new { b.NameJa, b.IsArchived }).FirstOrDefaultAsync(cancellationToken);
        if (badge is null)
        {
            return false;
        }

        Id = id;
        BadgeName = badge.NameJa;
        Archived = badge.IsArchived;
        return true;
    }
}
