using System.Text.Json;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Framework.Recipes;
using Lms.Modules.Certificates.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Certificates.Recipes;

/// <summary>
/// <c>{"name": "certificate-programmes", "programmes": [{"key": "step0-general", "title": {"ja": "…", "en": "…"},
/// "tier": "general", "courses": ["step0-core", "step0-general"]}]}</c>. A programme earns its own certificate
/// once every course in it is complete. Running the recipe again updates the programmes by key.
/// </summary>
internal sealed class CertificateProgrammesStep(CertificatesDbContext db) : IRecipeStep
{
    public string Name => "certificate-programmes";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (!step.TryGetProperty("programmes", out var programmes) || programmes.ValueKind != JsonValueKind.Array)
        {
            yield return "\"programmes\" must be an array.";
            yield break;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var programme in programmes.EnumerateArray())
        {
            var where = $"programmes[{index++}]";
            if (programme.ValueKind != JsonValueKind.Object)
            {
                yield return $"{where} must be an object.";
                continue;
            }

            if (Text(programme, "key") is not { Length: > 0 and <= 100 } key || !keys.Add(key))
            {
                yield return $"{where}: \"key\" is required (at most 100 characters) and must be unique.";
            }

            if (Title(programme, "ja") is not { Length: > 0 and <= 300 })
            {
                yield return $"{where}: \"title\" needs a Japanese title (\"ja\", at most 300 characters).";
            }

            if (Text(programme, "tier") is { } tier && !StaffTierNames.TryParse(tier, out _))
            {
                yield return $"{where}: \"tier\" must be executive, manager or general.";
            }

            if (!programme.TryGetProperty("courses", out var courses) || courses.ValueKind != JsonValueKind.Array || courses.GetArrayLength() == 0
                || courses.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(c.GetString())))
            {
                yield return $"{where}: \"courses\" must list at least one course key.";
            }
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var existing = await db.Programmes.ToDictionaryAsync(p => p.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var item in step.GetProperty("programmes").EnumerateArray())
        {
            var key = Text(item, "key")!;
            if (!existing.TryGetValue(key, out var programme))
            {
                programme = new CertificateProgramme { Id = StableGuid.From("certificate-programme:" + key), Key = key, Title = "", CourseKeys = "" };
                db.Programmes.Add(programme);
            }

            programme.Title = Title(item, "ja")!;
            programme.TitleEn = Title(item, "en") ?? "";
            programme.Tier = Text(item, "tier") is { } tier ? StaffTierNames.Parse(tier) : null;
            programme.CourseKeys = string.Join(',', item.GetProperty("courses").EnumerateArray().Select(c => c.GetString()!.Trim()));
            programme.Enabled = !item.TryGetProperty("enabled", out var enabled) || enabled.ValueKind != JsonValueKind.False;
        }

        await db.SaveChangesAsync(cancellationToken);
        context.Log.Add($"{step.GetProperty("programmes").GetArrayLength()} certificate programmes");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Title(JsonElement element, string culture) =>
        element.TryGetProperty("title", out var title) ? title.ValueKind switch
        {
            JsonValueKind.String when culture == "ja" => title.GetString(),
            JsonValueKind.Object => Text(title, culture),
            _ => null,
        } : null;
}
