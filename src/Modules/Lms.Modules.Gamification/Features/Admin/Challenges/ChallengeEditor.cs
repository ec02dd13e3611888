using System.Globalization;
using System.Text;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Challenges;

/// <summary>A challenge as the form gives it: text as typed, so a mistake comes back unchanged.</summary>
/// <param name="Department">An org unit id, or "" for every department.</param>
internal sealed record ChallengeInput(string? TitleJa, string? TitleEn, string? Department, string? TargetPercent, string? StartsOn, string? EndsOn);

/// <summary>Creates, changes and archives department challenges. Everything is checked before anything is written.</summary>
internal sealed class ChallengeEditor(GamificationDbContext db, IMediator mediator, Social.ChallengeBoard board, TimeProvider clock, IStringLocalizer<GamificationStrings> T)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy/M/d", "yyyy-M-d"];

    /// <summary>The departments: the units at the top of the org chart (paths without a /).</summary>
    public async Task<IReadOnlyList<OrgUnitSummary>> DepartmentsAsync(CancellationToken cancellationToken = default) =>
        (await mediator.Send(new GetOrgUnits(), cancellationToken)).Where(u => !u.Path.Contains('/', StringComparison.Ordinal)).ToList();

    /// <summary>Saves (creates when <paramref name="id"/> is null); returns the challenge, or the problems by field and no change.</summary>
    public async Task<(Challenge? Challenge, IReadOnlyDictionary<string, string> Problems)> SaveAsync(Guid? id, ChallengeInput input, string? by, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string>();
        var challenge = id is { } existingId ? await db.Challenges.FirstOrDefaultAsync(c => c.Id == existingId, cancellationToken) : null;
        if (id is not null && challenge is null)
        {
            problems[""] = T["This challenge no longer exists."];
            return (null, problems);
        }

        var titleJa = (input.TitleJa ?? "").Trim();
        var titleEn = (input.TitleEn ?? "").Trim();
        if (titleJa.Length is 0 or > 200)
        {
            problems[nameof(input.TitleJa)] = T["Give the challenge a Japanese title of at most 200 characters."];
        }

        if (titleEn.Length > 200)
        {
            problems[nameof(input.TitleEn)] = T["The English title is at most 200 characters."];
        }

        Guid? unit = null;
        if (!string.IsNullOrEmpty(input.Department))
        {
            var departments = await DepartmentsAsync(cancellationToken);
            // A unit the challenge already has stays acceptable even if the org chart moved it below another.
            if (Guid.TryParse(input.Department, out var chosen) && (departments.Any(d => d.Id == chosen) || chosen == challenge?.OrgUnitId))
            {
                unit = chosen;
            }
            else
            {
                problems[nameof(input.Department)] = T["Choose a department from the list, or “All departments”."];
            }
        }

        var target = Number(input.TargetPercent);
        if (target is not (>= 1 and <= 100))
        {
            problems[nameof(input.TargetPercent)] = T["Enter the target as a whole number from 1 to 100 (percent)."];
        }

        var starts = Date(input.StartsOn);
        var ends = Date(input.EndsOn);
        if (starts is null)
        {
            problems[nameof(input.StartsOn)] = T["Enter the start date (e.g. 2026/04/01)."];
        }

        if (ends is null)
        {
            problems[nameof(input.EndsOn)] = T["Enter the end date (e.g. 2026/06/30)."];
        }
        else if (starts is not null && ends <= starts)
        {
            problems[nameof(input.EndsOn)] = T["The end date must be after the start date."];
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var now = clock.GetUtcNow();
        var created = challenge is null;
        challenge ??= db.Challenges.Add(new Challenge { Id = Guid.NewGuid(), TitleJa = titleJa, CreatedAt = now }).Entity;
        challenge.TitleJa = titleJa;
        challenge.TitleEn = titleEn;
        challenge.OrgUnitId = unit;
        challenge.TargetPercent = target!.Value;
        challenge.StartsOn = starts!.Value;
        challenge.EndsOn = ends!.Value;
        db.Audit.Add(new GameAuditEntry { Action = created ? "challenge-created" : "challenge-changed", Detail = $"{challenge.Id}: {titleJa}", By = by, At = now });
        await db.SaveChangesAsync(cancellationToken);
        board.Forget(); // staff see the change now, not when the cached list expires
        return (challenge, problems);
    }

    public async Task<bool> SetArchivedAsync(Guid id, bool archived, string? by, CancellationToken cancellationToken = default)
    {
        var challenge = await db.Challenges.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (challenge is null)
        {
            return false;
        }

        if (challenge.IsArchived != archived)
        {
            challenge.IsArchived = archived;
            db.Audit.Add(new GameAuditEntry { Action = archived ? "challenge-archived" : "challenge-unarchived", Detail = $"{challenge.Id}: {challenge.TitleJa}", By = by, At = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            board.Forget();
        }

        return true;
    }

    private static int? Number(string? value)
    {
        var text = (value ?? "").Normalize(NormalizationForm.FormKC).Replace("%", "", StringComparison.Ordinal).Trim();
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static DateOnly? Date(string? value)
    {
        var text = (value ?? "").Normalize(NormalizationForm.FormKC).Trim();
        return DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
