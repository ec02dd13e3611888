using System.Text.Json;
using System.Text.RegularExpressions;
using Lms.Framework.Recipes;
using Lms.Modules.Templates.Data;
using Lms.Modules.Templates.Liquid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Templates.Recipes;

/// <summary>
/// <c>{"name": "templates", "templates": [{"key": "mail/due-soon", "culture": "ja", "kind": "mail", "name": "…",
/// "description": "…", "parts": {"subject": "…", "body": "…"}, "sample": {…}}]}</c>.
/// Every part must parse before anything is written. Missing templates are created; existing ones get the new name,
/// description, sample and defaults, but their parts only while no admin has edited them.
/// </summary>
internal sealed partial class TemplatesStep(TemplatesDbContext db, TemplateRenderer renderer, IMemoryCache cache, TimeProvider clock) : IRecipeStep
{
    public string Name => "templates";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$")]
    internal static partial Regex KeyPattern();

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (!step.TryGetProperty("templates", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield return "\"templates\" must be an array.";
            yield break;
        }

        var seen = new HashSet<(string, string)>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                yield return "every template must be an object.";
                continue;
            }

            var key = Text(item, "key");
            var culture = Text(item, "culture");
            var label = $"template '{key}' ({culture})";
            if (key is null || key.Length > 100 || !KeyPattern().IsMatch(key))
            {
                yield return $"{label}: \"key\" must be lower-case words separated by '/' (e.g. mail/due-soon), at most 100 characters.";
            }

            if (culture is null || !TemplateCultures.All.Contains(culture))
            {
                yield return $"{label}: \"culture\" must be one of {string.Join(", ", TemplateCultures.All)}.";
            }

            if (!seen.Add((key ?? "", culture ?? "")))
            {
                yield return $"{label} appears twice.";
            }

            if (!TemplateParts.TryParseKind(Text(item, "kind"), out var kind))
            {
                yield return $"{label}: \"kind\" must be mail or certificate.";
                continue;
            }

            if (string.IsNullOrWhiteSpace(Text(item, "name")))
            {
                yield return $"{label}: \"name\" is required.";
            }

            if (item.TryGetProperty("sample", out var sample) && sample.ValueKind != JsonValueKind.Object)
            {
                yield return $"{label}: \"sample\" must be an object.";
            }

            if (!item.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Object)
            {
                yield return $"{label}: \"parts\" must be an object ({string.Join(", ", TemplateParts.For(kind))}).";
                continue;
            }

            foreach (var part in parts.EnumerateObject())
            {
                if (!TemplateParts.For(kind).Contains(part.Name) || part.Value.ValueKind != JsonValueKind.String)
                {
                    yield return $"{label}: part \"{part.Name}\" is not a text part of a {kind.ToApiValue()} template ({string.Join(", ", TemplateParts.For(kind))}).";
                }
            }

            foreach (var error in renderer.Check(kind, Parts(kind, parts)))
            {
                yield return $"{label}: part \"{error.Part}\": " + error.Kind switch
                {
                    LiquidErrorKind.Required => "is required.",
                    LiquidErrorKind.InvalidUrl => $"'{error.Message}' must be a path on this site (/media/...) or an http(s) URL.",
                    LiquidErrorKind.UnknownFilter => $"unknown filter '{error.Message}' at line {error.Line}, column {error.Column}.",
                    _ => $"syntax error at line {error.Line}, column {error.Column}: {error.Message}",
                };
            }
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        var actor = context.ExecutedBy ?? "recipe:" + context.RecipeName;
        var existing = await db.Templates.ToDictionaryAsync(t => (t.Key, t.Culture), cancellationToken);
        foreach (var item in step.GetProperty("templates").EnumerateArray())
        {
            var kind = TemplateParts.TryParseKind(Text(item, "kind"), out var k) ? k : throw new InvalidOperationException("validated: kind");
            var (key, culture) = (Text(item, "key")!, Text(item, "culture")!);
            var defaults = Parts(kind, item.GetProperty("parts"));
            var defaultsJson = TemplateParts.Serialize(defaults);
            if (!existing.TryGetValue((key, culture), out var template))
            {
                template = new Template
                {
                    Id = Guid.CreateVersion7(), Key = key, Culture = culture, Name = "", PartsJson = defaultsJson, DefaultPartsJson = defaultsJson,
                    Revision = 1, CreatedAt = now, UpdatedAt = now, UpdatedBy = actor,
                };
                db.Templates.Add(template);
                AddRevision(template, "created", now, actor);
                context.Log.Add($"template '{key}' ({culture}) created");
            }
            else if (!template.Customized && !TemplateParts.SameAs(defaults, TemplateParts.Deserialize(template.PartsJson)))
            {
                // Never edited by an admin (or restored to the default): it follows the defaults the recipe ships.
                template.PartsJson = defaultsJson;
                template.Revision++;
                template.UpdatedAt = now;
                template.UpdatedBy = actor;
                AddRevision(template, "recipe", now, actor);
                context.Log.Add($"template '{key}' ({culture}) updated to the new defaults");
            }
            else if (template.Customized && template.DefaultPartsJson != defaultsJson)
            {
                context.Log.Add($"template '{key}' ({culture}) has a new default; the admin's edited text was kept");
            }

            template.Kind = kind;
            template.Name = Text(item, "name")!;
            template.Description = Text(item, "description") ?? "";
            template.DefaultPartsJson = defaultsJson;
            template.SampleJson = item.TryGetProperty("sample", out var sample) ? sample.GetRawText() : "{}";
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (key, culture) in existing.Keys.Concat(db.Templates.Local.Select(t => (t.Key, t.Culture))))
        {
            TemplateRenderer.Forget(cache, key, culture);
        }
    }

    private void AddRevision(Template template, string change, DateTimeOffset now, string actor) =>
        db.Revisions.Add(new TemplateRevision
        {
            Id = Guid.CreateVersion7(), TemplateId = template.Id, Revision = template.Revision, PartsJson = template.PartsJson, Change = change, At = now, By = actor,
        });

    private static Dictionary<string, string> Parts(TemplateKind kind, JsonElement parts) =>
        TemplateParts.Normalize(kind, parts.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => (string?)TemplateParts.Text(p.Value.GetString()!)));

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
