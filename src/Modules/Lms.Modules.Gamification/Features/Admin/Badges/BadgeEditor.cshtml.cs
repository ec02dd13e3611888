using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;
using Lms.Modules.Gamification.Features.Badges;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Badges;

/// <summary>
/// <c>/admin/badges/new</c> and <c>/admin/badges/{id}</c>: the definition (names, image, criteria), archiving,
/// and the holders with a revoke button each. A form with mistakes comes back with everything typed, an
/// uploaded image included (carried in the form, checked again on every save).
/// </summary>
[Authorize(Policy = "ManageBadges")]
[RequestSizeLimit(2L * 1024 * 1024)]
public sealed class BadgeEditorModel(GamificationDbContext db, IStringLocalizer<GamificationStrings> T) : PageModel
{
    // The module's services are internal (they are not its contract), so this public page model asks for them per request.
    private BadgeDefinitions Definitions => HttpContext.RequestServices.GetRequiredService<BadgeDefinitions>();
    private BadgeAwarder Awarder => HttpContext.RequestServices.GetRequiredService<BadgeAwarder>();
    private CriteriaText CriteriaText => HttpContext.RequestServices.GetRequiredService<CriteriaText>();
    private BadgeAdmin Admin => HttpContext.RequestServices.GetRequiredService<BadgeAdmin>();
    private BadgeHolders HolderList => HttpContext.RequestServices.GetRequiredService<BadgeHolders>();

    public sealed record Option(Guid Id, string Label);

    public sealed record OptionGroup(string Label, IReadOnlyList<Option> Options);

    [BindProperty] public string? NameJa { get; set; }
    [BindProperty] public string? NameEn { get; set; }
    [BindProperty] public string? DescriptionJa { get; set; }
    [BindProperty] public string? DescriptionEn { get; set; }
    /// <summary><c>generated</c>, <c>upload</c> (a new file) or <c>current</c> (the uploaded image the badge has).</summary>
    [BindProperty] public string ImageMode { get; set; } = "generated";
    [BindProperty] public string Palette { get; set; } = "indigo";
    [BindProperty] public string Icon { get; set; } = "star";
    [BindProperty] public string? Label { get; set; }
    [BindProperty] public IFormFile? ImageFile { get; set; }
    [BindProperty] public string? UploadData { get; set; }
    [BindProperty] public string? UploadName { get; set; }
    [BindProperty] public string? UploadType { get; set; }
    [BindProperty] public CriterionSlot Criterion { get; set; } = new();
    [BindProperty] public List<CriterionSlot> Parts { get; set; } = [];
    /// <summary>For criteria deeper than the form shows: keep them as they are.</summary>
    [BindProperty] public bool KeepCriteria { get; set; }

    public Guid? BadgeId { get; private set; }
    public bool IsNew => BadgeId is null;
    public bool IsArchived { get; private set; }
    public bool HasUploadedImage { get; private set; }
    public string? CurrentImageUrl { get; private set; }
    public string? StoredCriteriaText { get; private set; }
    public bool StoredCriteriaFit { get; private set; } = true;
    public IReadOnlyList<OptionGroup> WorkshopGroups { get; private set; } = [];
    public IReadOnlyList<Option> Courses { get; private set; } = [];
    public Dictionary<string, string> Problems { get; } = [];
    public List<string> GeneralProblems { get; } = [];
    internal HolderPage? Holders { get; private set; }
    public Guid? RevokeAwardId { get; private set; }
    public string? RevokeReason { get; private set; }
    public string? RevokeProblem { get; private set; }
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, int p = 1, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        // Shows the badge as stored: nothing posted with another handler (a revoke) may slip into the form.
        UploadData = UploadName = UploadType = null;
        if (found.Badge is { } badge)
        {
            NameJa = badge.NameJa;
            NameEn = badge.NameEn;
            DescriptionJa = badge.DescriptionJa;
            DescriptionEn = badge.DescriptionEn;
            Palette = badge.Palette;
            Icon = badge.Icon;
            Label = badge.Label;
            ImageMode = badge.ImageKind == BadgeImageKind.Uploaded ? "current" : "generated";
            if (BadgeCriterion.Parse(badge.CriteriaJson) is { } stored && CriterionForm.Fits(stored))
            {
                (Criterion, Parts) = CriterionForm.ToSlots(stored);
            }
            else
            {
                KeepCriteria = true;
            }
        }

        await LoadAsync(found.Badge, p, cancellationToken);
        return Page();
    }

    /// <summary>Shows the form again with the image as chosen; saves nothing (the preview without JavaScript).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        await ReadImageAsync(cancellationToken);
        await LoadAsync(found.Badge, 1, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        var existing = found.Badge;
        var catalog = await Awarder.CatalogAsync(cancellationToken);
        var upload = await ReadImageAsync(cancellationToken);
        CheckTexts();
        BadgeCriterion? criterion;
        if (KeepCriteria && existing is not null && BadgeCriterion.Parse(existing.CriteriaJson) is { } stored && !CriterionForm.Fits(stored))
        {
            // Read from the database, not from the form: the form never held these criteria.
            criterion = stored;
        }
        else
        {
            criterion = new CriterionForm(CriteriaText, T).Read(Criterion, Parts, catalog, Problems);
        }

        if (Problems.Count > 0 || criterion is null)
        {
            await LoadAsync(existing, 1, cancellationToken);
            return Page();
        }

        var sortOrder = existing?.SortOrder ?? (await db.Badges.MaxAsync(b => (int?)b.SortOrder, cancellationToken) ?? 0) + 1;
        var draft = new BadgeDraft(existing?.Key, NameJa ?? "", NameEn ?? "", DescriptionJa ?? "", DescriptionEn ?? "", criterion,
            Palette, Icon, Label ?? "", sortOrder, existing?.IsArchived ?? false,
            upload?.Type, upload?.Bytes, KeepUpload: ImageMode == "current");
        var criteriaChanged = existing is null || existing.CriteriaJson != criterion.ToJson();
        var (badge, problems) = await Definitions.SaveAsync(existing?.Id, draft, User.Identity?.Name, cancellationToken);
        if (badge is null)
        {
            PlaceProblems(problems);
            await LoadAsync(existing, 1, cancellationToken);
            return Page();
        }

        Done = criteriaChanged && !badge.IsArchived
            ? T["The badge is saved. People who already meet its criteria will receive it shortly (usually within a minute); there is nothing more to do."]
            : T["The badge is saved."];
        return Redirect($"/admin/badges/{badge.Id}");
    }

    public Task<IActionResult> OnPostArchiveAsync(string id, CancellationToken cancellationToken) => SetArchivedAsync(id, true, cancellationToken);

    public Task<IActionResult> OnPostUnarchiveAsync(string id, CancellationToken cancellationToken) => SetArchivedAsync(id, false, cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(string id, Guid awardId, string? reason, int p = 1, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(id, cancellationToken) is not { Badge: { } badge })
        {
            return NotFound();
        }

        var problem = await Admin.RevokeAsync(badge.Id, awardId, reason, User.Identity?.Name ?? "?", cancellationToken);
        if (problem is null)
        {
            Done = T["The award was revoked. The person no longer shows this badge."];
            return Redirect($"/admin/badges/{badge.Id}?p={p}#holders");
        }

        // Show the badge as it is stored, with the problem next to the row and the reason as typed.
        await OnGetAsync(id, p, cancellationToken);
        RevokeAwardId = awardId;
        RevokeReason = reason;
        RevokeProblem = problem;
        return Page();
    }

    private async Task<IActionResult> SetArchivedAsync(string id, bool archived, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { Badge: { } badge })
        {
            return NotFound();
        }

        await Admin.SetArchivedAsync(badge.Id, archived, User.Identity?.Name ?? "?", cancellationToken);
        Done = archived
            ? T["The badge is archived. Nobody receives it any more; those who hold it keep it."]
            : T["The badge is back in use. People who meet its criteria will receive it shortly."];
        return Redirect($"/admin/badges/{badge.Id}");
    }

    /// <summary>"new", or the id of a badge that exists; null for anything else.</summary>
    private async Task<(Badge? Badge, bool Found)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (id == "new")
        {
            return (null, true);
        }

        if (!Guid.TryParse(id, out var badgeId))
        {
            return null;
        }

        var badge = await db.Badges.AsNoTracking().FirstOrDefaultAsync(b => b.Id == badgeId, cancellationToken);
        return badge is null ? null : (badge, true);
    }

    private void CheckTexts()
    {
        if (string.IsNullOrWhiteSpace(NameJa) || NameJa.Trim().Length > 100)
        {
            Problems[nameof(NameJa)] = T["Give the badge a Japanese name of at most 100 characters."];
        }

        if ((NameEn ?? "").Trim().Length > 100)
        {
            Problems[nameof(NameEn)] = T["The English name is at most 100 characters."];
        }

        if ((DescriptionJa ?? "").Trim().Length > 1000)
        {
            Problems[nameof(DescriptionJa)] = T["Descriptions are at most 1,000 characters."];
        }

        if ((DescriptionEn ?? "").Trim().Length > 1000)
        {
            Problems[nameof(DescriptionEn)] = T["Descriptions are at most 1,000 characters."];
        }

        if (!BadgeArt.Palettes.ContainsKey(Palette))
        {
            Problems[nameof(Palette)] = T["Choose a colour from the list."];
        }

        if (!BadgeArt.Icons.ContainsKey(Icon))
        {
            Problems[nameof(Icon)] = T["Choose an icon from the list."];
        }

        if ((Label ?? "").Trim().Length > 4)
        {
            Problems[nameof(Label)] = T["The word on the badge is at most four characters."];
        }
    }

    /// <summary>
    /// The uploaded image when "upload" is chosen: a new file, or the one carried from the previous try.
    /// Checked by its bytes; a good one is kept in the form so a mistake elsewhere does not lose it.
    /// </summary>
    private async Task<(string? Type, byte[] Bytes)?> ReadImageAsync(CancellationToken cancellationToken)
    {
        if (ImageMode != "upload")
        {
            UploadData = UploadName = UploadType = null;
            return null;
        }

        byte[]? bytes = null;
        string? type = null;
        if (ImageFile is { Length: > 0 } file)
        {
            if (file.Length > BadgeDefinitions.MaxImageBytes)
            {
                Problems[nameof(ImageFile)] = T["The image must be a PNG or SVG file of at most 512 KB."];
                UploadData = UploadName = UploadType = null;
                return null;
            }

            using var memory = new MemoryStream();
            await file.CopyToAsync(memory, cancellationToken);
            bytes = memory.ToArray();
            type = Path.GetExtension(file.FileName).ToLowerInvariant() switch
            {
                ".png" => BadgeImages.Png,
                ".svg" => BadgeImages.Svg,
                _ => file.ContentType is BadgeImages.Png or BadgeImages.Svg ? file.ContentType : null,
            };
            UploadName = Path.GetFileName(file.FileName);
        }
        else if (!string.IsNullOrEmpty(UploadData) && UploadData.Length <= (BadgeDefinitions.MaxImageBytes + 2) / 3 * 4)
        {
            var buffer = new byte[UploadData.Length];
            bytes = Convert.TryFromBase64String(UploadData, buffer, out var written) ? buffer[..written] : null;
            type = UploadType;
        }

        if (bytes is null)
        {
            Problems[nameof(ImageFile)] = T["Choose a PNG or SVG file to upload, or choose the generated image."];
            UploadData = UploadName = UploadType = null;
            return null;
        }

        if (Definitions.UploadProblem(type, bytes) is { } problem)
        {
            Problems[nameof(ImageFile)] = problem;
            UploadData = UploadName = UploadType = null;
            return null;
        }

        UploadData = Convert.ToBase64String(bytes);
        UploadType = type;
        return (type, bytes);
    }

    /// <summary>The definitions service speaks in sentences; put each next to the field it is about.</summary>
    private void PlaceProblems(IReadOnlyList<string> problems)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [T["Give the badge a Japanese name of at most 100 characters."]] = nameof(NameJa),
            [T["Descriptions are at most 1,000 characters."]] = nameof(DescriptionJa),
            [T["Choose a colour and an icon from the lists."]] = nameof(Palette),
            [T["The word on the badge is at most four characters."]] = nameof(Label),
            [T["The image must be a PNG or SVG file of at most 512 KB."]] = nameof(ImageFile),
        };
        foreach (var problem in problems)
        {
            if (fields.TryGetValue(problem, out var field))
            {
                Problems.TryAdd(field, problem);
            }
            else
            {
                GeneralProblems.Add(problem);
            }
        }
    }

    private async Task LoadAsync(Badge? badge, int page, CancellationToken cancellationToken)
    {
        var catalog = await Awarder.CatalogAsync(cancellationToken);
        Parts = CriterionForm.Padded(Parts);
        WorkshopGroups = catalog.Courses
            .Select(c => new OptionGroup(c.Title, c.Activities.Where(a => a.Kind == Lms.Contracts.Courses.ActivityKind.Workshop).Select(a => new Option(a.Id, a.Title)).ToList()))
            .Where(g => g.Options.Count > 0).ToList();
        Courses = catalog.Courses.Select(c => new Option(c.Id, c.Title)).ToList();
        if (badge is null)
        {
            return;
        }

        BadgeId = badge.Id;
        IsArchived = badge.IsArchived;
        HasUploadedImage = badge.ImageKind == BadgeImageKind.Uploaded && badge.ImageBytes is { Length: > 0 };
        CurrentImageUrl = BadgeImages.PathOf(badge);
        if (BadgeCriterion.Parse(badge.CriteriaJson) is { } stored)
        {
            StoredCriteriaText = CriteriaText.Describe(stored, catalog);
            StoredCriteriaFit = CriterionForm.Fits(stored);
        }

        Holders = await HolderList.PageAsync(badge.Id, page, catalog, cancellationToken);
    }

    /// <summary>The preview's address: what the form would draw now.</summary>
    public string PreviewUrl()
    {
        if (ImageMode == "upload" && UploadData is { Length: > 0 } data && UploadType is BadgeImages.Png or BadgeImages.Svg)
        {
            return $"data:{UploadType};base64,{data}";
        }

        if (ImageMode == "current" && HasUploadedImage && CurrentImageUrl is { } current)
        {
            return current;
        }

        return $"/admin/badges/preview.svg?palette={Uri.EscapeDataString(Palette)}&icon={Uri.EscapeDataString(Icon)}&label={Uri.EscapeDataString(Label ?? "")}&name={Uri.EscapeDataString(NameJa ?? "")}";
    }
}
