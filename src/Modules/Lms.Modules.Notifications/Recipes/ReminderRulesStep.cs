using System.Text.Json;
using Lms.Framework.Recipes;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Notifications.Recipes;

/// <summary>
/// <c>{"name": "reminder-rules", "rules": [{"key": "due-soon-7", "kind": "due-soon", "days": 7, "repeatEveryDays": null, "maxTimes": null, "enabled": true}]}</c>.
/// Adds the rules whose key is not there yet; a rule already there keeps what an administrator made of it.
/// </summary>
internal sealed class ReminderRulesStep(NotificationsDbContext db, TimeProvider clock) : IRecipeStep
{
    public string Name => "reminder-rules";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (!step.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
        {
            yield return "\"rules\" must be an array.";
            yield break;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var rule in rules.EnumerateArray())
        {
            var where = $"rules[{index++}]";
            if (rule.ValueKind != JsonValueKind.Object)
            {
                yield return $"{where} must be an object.";
                continue;
            }

            if (Text(rule, "key") is not { Length: > 0 and <= 100 } key || !keys.Add(key))
            {
                yield return $"{where}: \"key\" is required (at most 100 characters) and must be unique.";
            }

            if (Text(rule, "kind") is not { } kind || !NotificationKinds.RuleKinds.Contains(kind))
            {
                yield return $"{where}: \"kind\" must be one of {string.Join(", ", NotificationKinds.RuleKinds)}.";
            }

            if (Number(rule, "days") is < 0 or > 365)
            {
                yield return $"{where}: \"days\" must be from 0 to 365.";
            }
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var existing = (await db.Rules.Select(r => r.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var item in step.GetProperty("rules").EnumerateArray())
        {
            var key = Text(item, "key")!;
            if (existing.Contains(key))
            {
                continue;
            }

            db.Rules.Add(new ReminderRule
            {
                Id = Guid.NewGuid(),
                Key = key,
                Kind = Text(item, "kind")!,
                Days = Number(item, "days") ?? 0,
                RepeatEveryDays = Number(item, "repeatEveryDays"),
                MaxTimes = Number(item, "maxTimes"),
                Enabled = !item.TryGetProperty("enabled", out var enabled) || enabled.ValueKind != JsonValueKind.False,
                UpdatedAt = Clock.Milliseconds(clock.GetUtcNow()),
                UpdatedBy = "recipe",
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Log.Add($"{added} reminder rules added");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;
}
