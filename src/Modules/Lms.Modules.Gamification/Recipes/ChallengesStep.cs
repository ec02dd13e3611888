using System.Globalization;
using System.Text.Json;
using Lms.Contracts.Organization;
using Lms.Framework.Recipes;
using Lms.Framework.Settings;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Features.Social;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Recipes;

/// <summary>
/// <c>{"name": "challenges", "challenges": [{"key", "title": {"ja","en"}, "department": "総務部" | null, "targetPercent": 80,
/// "startsOn": "YYYY-MM-DD", "endsOn": "YYYY-MM-DD" | "quarter-end"}]}</c>. <c>department</c> is the path of a top-level
/// unit, or null (or left out) for a challenge every department takes up. <c>startsOn</c> defaults to today and
/// <c>quarter-end</c> is the last day of the current calendar quarter, both on the site's clock. Idempotent: a challenge
/// with the same key is updated; relative dates are fixed when it is created, so running the recipe again later
/// does not move (or revive) a challenge.
/// </summary>
internal sealed class ChallengesStep(GamificationDbContext db, ChallengeBoard board, IMediator mediator, SiteTime siteTime, TimeProvider clock) : IRecipeStep
{
    public const string QuarterEnd = "quarter-end";

    public string Name => "challenges";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (!step.TryGetProperty("challenges", out var challenges) || challenges.ValueKind != JsonValueKind.Array)
        {
            yield return "\"challenges\" must be an array.";
            yield break;
        }

        var index = 0;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in challenges.EnumerateArray())
        {
            var where = $"challenges[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                yield return $"{where} must be an object.";
                continue;
            }

            if (Text(item, "key") is not { Length: > 0 and <= 100 } key || !keys.Add(key))
            {
                yield return $"{where}: \"key\" is required, at most 100 characters and unique.";
            }

            var (ja, en) = Localized(item, "title");
            if (ja.Length is 0 or > 200 || en.Length > 200)
            {
                yield return $"{where}: \"title\" needs a Japanese text (\"ja\") of at most 200 characters (and \"en\" of at most 200).";
            }

            if (item.TryGetProperty("department", out var department) && department.ValueKind != JsonValueKind.Null
                && (department.ValueKind != JsonValueKind.String || department.GetString() is not { Length: > 0 } path || path.Contains('/', StringComparison.Ordinal)))
            {
                yield return $"{where}: \"department\" must be the path of a top-level org unit (e.g. \"総務部\"), or null for every department.";
            }

            if (item.TryGetProperty("targetPercent", out var target) && (!target.TryGetInt32(out var percent) || percent is < 1 or > 100))
            {
                yield return $"{where}: \"targetPercent\" must be a whole number from 1 to 100.";
            }

            DateOnly? startsOn = null;
            if (item.TryGetProperty("startsOn", out var starts))
            {
                if (Date(starts) is { } day)
                {
                    startsOn = day;
                }
                else
                {
                    yield return $"{where}: \"startsOn\" must be a date written YYYY-MM-DD (or be left out for today).";
                }
            }

            if (!item.TryGetProperty("endsOn", out var ends) || (Date(ends) is null && Text(item, "endsOn") != QuarterEnd))
            {
                yield return $"{where}: \"endsOn\" must be a date written YYYY-MM-DD or \"{QuarterEnd}\".";
            }
            else if (startsOn is { } s && Date(ends) is { } e && e < s)
            {
                yield return $"{where}: \"endsOn\" is before \"startsOn\".";
            }
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await siteTime.ZoneAsync(cancellationToken);
        var today = DateOnly.FromDateTime(siteTime.Local(clock.GetUtcNow()).DateTime);
        var departments = (await mediator.Send(new GetOrgUnits(), cancellationToken))
            .Where(u => !u.Path.Contains('/', StringComparison.Ordinal)).ToDictionary(u => u.Path, u => u.Id, StringComparer.Ordinal);
        var existing = await db.Challenges.ToDictionaryAsync(c => c.Key ?? "", StringComparer.Ordinal, cancellationToken);
        var changes = new List<(Challenge Challenge, string Change)>();
        foreach (var item in step.GetProperty("challenges").EnumerateArray())
        {
            var key = Text(item, "key")!;
            var (ja, en) = Localized(item, "title");
            Guid? unitId = null;
            if (Text(item, "department") is { } path)
            {
                unitId = departments.TryGetValue(path, out var id)
                    ? id
                    : throw new RecipeException(context.Source, Name, $"challenge '{key}': there is no top-level org unit '{path}'.", duringExecution: true);
            }

            var found = existing.GetValueOrDefault(key);
            var startsOn = item.TryGetProperty("startsOn", out var s) ? Date(s)!.Value : found?.StartsOn ?? today;
            var endsOn = Date(item.GetProperty("endsOn")) ?? found?.EndsOn ?? SocialCalendar.QuarterEnd(today);
            if (endsOn < startsOn)
            {
                throw new RecipeException(context.Source, Name, $"challenge '{key}': it would end ({endsOn:yyyy-MM-dd}) before it starts ({startsOn:yyyy-MM-dd}).", duringExecution: true);
            }

            var target = item.TryGetProperty("targetPercent", out var t) ? t.GetInt32() : 80;
            var challenge = found ?? new Challenge { Id = Guid.NewGuid(), Key = key, TitleJa = ja, CreatedAt = clock.GetUtcNow() };
            var unchanged = found is not null && found.TitleJa == ja && found.TitleEn == en && found.OrgUnitId == unitId
                && found.TargetPercent == target && found.StartsOn == startsOn && found.EndsOn == endsOn;
            (challenge.TitleJa, challenge.TitleEn, challenge.OrgUnitId, challenge.TargetPercent, challenge.StartsOn, challenge.EndsOn) = (ja, en, unitId, target, startsOn, endsOn);
            if (found is null)
            {
                db.Challenges.Add(challenge);
                existing[key] = challenge;
            }

            changes.Add((challenge, found is null ? "created" : unchanged ? "unchanged" : "updated"));
        }

        // Every challenge of the step or none: one SaveChanges is one transaction.
        await db.SaveChangesAsync(cancellationToken);
        board.Forget();
        foreach (var (challenge, change) in changes)
        {
            context.Items.Add(new RecipeItem("challenge", challenge.Id.ToString(), challenge.TitleJa, change, $"{challenge.StartsOn:yyyy-MM-dd}..{challenge.EndsOn:yyyy-MM-dd}"));
        }

        context.Log.Add($"challenges: {changes.Count(c => c.Change == "created")} created, {changes.Count(c => c.Change == "updated")} updated");
    }

    private static DateOnly? Date(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static (string Ja, string En) Localized(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return ("", "");
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => ((value.GetString() ?? "").Trim(), ""),
            JsonValueKind.Object => ((Text(value, "ja") ?? "").Trim(), (Text(value, "en") ?? "").Trim()),
            _ => ("", ""),
        };
    }
}
