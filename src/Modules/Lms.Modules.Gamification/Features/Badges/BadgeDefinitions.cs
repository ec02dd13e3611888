using Hangfire;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;
using Lms.Modules.Gamification.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Badges;

/// <summary>What an administrator (or a recipe) gives to define a badge.</summary>
internal sealed record BadgeDraft(
    string? Key,
    string NameJa,
    string NameEn,
    string DescriptionJa,
    string DescriptionEn,
    BadgeCriterion Criterion,
    string Palette,
    string Icon,
    string Label,
    int SortOrder,
    bool Archived = false,
    string? UploadContentType = null,
    byte[]? UploadBytes = null,
    bool KeepUpload = true);

/// <summary>
/// Creates and changes badge definitions. Everything is checked before anything is written; a new badge or
/// changed criteria enqueue the retroactive award job for that badge.
/// </summary>
internal sealed class BadgeDefinitions(GamificationDbContext db, BadgeAwarder awarder, CriteriaText text, IBackgroundJobClient jobs, TimeProvider clock, IStringLocalizer<GamificationStrings> T)
{
    public const int MaxImageBytes = 512 * 1024;

    /// <summary>Saves (creates when <paramref name="id"/> is null). Returns the badge, or the problems and no change.</summary>
    public async Task<(Badge? Badge, IReadOnlyList<string> Problems)> SaveAsync(Guid? id, BadgeDraft draft, string? by, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(draft.NameJa) || draft.NameJa.Length > 100 || draft.NameEn.Length > 100)
        {
            problems.Add(T["Give the badge a Japanese name of at most 100 characters."]);
        }

        if (draft.DescriptionJa.Length > 1000 || draft.DescriptionEn.Length > 1000)
        {
            problems.Add(T["Descriptions are at most 1,000 characters."]);
        }

        if (!BadgeArt.Palettes.ContainsKey(draft.Palette) || !BadgeArt.Icons.ContainsKey(draft.Icon))
        {
            problems.Add(T["Choose a colour and an icon from the lists."]);
        }

        if (draft.Label.Length > 4)
        {
            problems.Add(T["The word on the badge is at most four characters."]);
        }

        if (draft.UploadBytes is { } upload && UploadProblem(draft.UploadContentType, upload) is { } uploadProblem)
        {
            problems.Add(uploadProblem);
        }

        problems.AddRange(text.Problems(draft.Criterion, await awarder.CatalogAsync(cancellationToken)));
        var badge = id is { } existingId ? await db.Badges.FirstOrDefaultAsync(b => b.Id == existingId, cancellationToken) : null;
        if (id is not null && badge is null)
        {
            problems.Add(T["This badge no longer exists."]);
        }

        var key = string.IsNullOrWhiteSpace(draft.Key) ? null : draft.Key.Trim();
        if (key is not null && await db.Badges.AnyAsync(b => b.Key == key && b.Id != (badge == null ? Guid.Empty : badge.Id), cancellationToken))
        {
            problems.Add(T["Another badge already has this key."]);
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var now = clock.GetUtcNow();
        var criteriaJson = draft.Criterion.ToJson();
        var created = badge is null;
        badge ??= db.Badges.Add(new Badge { Id = Guid.NewGuid(), NameJa = draft.NameJa, CriteriaJson = criteriaJson, CreatedAt = now }).Entity;
        var criteriaChanged = !created && badge.CriteriaJson != criteriaJson;
        var unarchived = badge.IsArchived && !draft.Archived;
        badge.Key = key ?? badge.Key;
        badge.NameJa = draft.NameJa.Trim();
        badge.NameEn = draft.NameEn.Trim();
        badge.DescriptionJa = draft.DescriptionJa.Trim();
        badge.DescriptionEn = draft.DescriptionEn.Trim();
        badge.CriteriaJson = criteriaJson;
        badge.Palette = draft.Palette;
        badge.Icon = draft.Icon;
        badge.Label = draft.Label.Trim();
        badge.SortOrder = draft.SortOrder;
        badge.IsArchived = draft.Archived;
        if (draft.UploadBytes is { } bytes)
        {
            badge.ImageKind = BadgeImageKind.Uploaded;
            badge.ImageBytes = bytes;
            badge.ImageContentType = draft.UploadContentType;
        }
        else if (!draft.KeepUpload)
        {
            badge.ImageKind = BadgeImageKind.Generated;
            badge.ImageBytes = null;
            badge.ImageContentType = null;
        }

        if (criteriaChanged)
        {
            badge.CriteriaRevision++;
        }

        badge.UpdatedAt = now;
        db.Audit.Add(new GameAuditEntry { Action = created ? "badge-created" : "badge-changed", BadgeId = badge.Id, Detail = criteriaChanged ? "criteria: " + criteriaJson : null, By = by, At = now });
        await db.SaveChangesAsync(cancellationToken);

        if ((created || criteriaChanged || unarchived) && !badge.IsArchived)
        {
            var badgeId = badge.Id;
            jobs.Enqueue<AwardBadgesJob>(job => job.RunForBadgesAsync(new[] { badgeId }, CancellationToken.None));
        }

        return (badge, []);
    }

    /// <summary>PNG or SVG, at most 512 KB, and what its first bytes say it is (not what the browser claimed).</summary>
    public string? UploadProblem(string? contentType, byte[] bytes)
    {
        if (bytes.Length == 0 || bytes.Length > MaxImageBytes)
        {
            return T["The image must be a PNG or SVG file of at most 512 KB."];
        }

        var isPng = bytes.Length > 8 && bytes.AsSpan(0, 8).SequenceEqual(PngSignature);
        var isSvg = !isPng && SafeSvg(System.Text.Encoding.UTF8.GetString(bytes));
        return (contentType, isPng, isSvg) switch
        {
            (BadgeImages.Png, true, _) or (BadgeImages.Svg, _, true) => null,
            _ => T["The image must be a PNG or SVG file of at most 512 KB."].Value,
        };
    }

    // Served from our own origin, an SVG could carry script: refuse anything active rather than try to clean it.
    private static bool SafeSvg(string svg) =>
        svg.Contains("<svg", StringComparison.OrdinalIgnoreCase)
        && !svg.Contains("<script", StringComparison.OrdinalIgnoreCase)
        && !svg.Contains("javascript:", StringComparison.OrdinalIgnoreCase)
        && !svg.Contains("<foreignObject", StringComparison.OrdinalIgnoreCase)
        && !System.Text.RegularExpressions.Regex.IsMatch(svg, @"\son[a-z]+\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}
