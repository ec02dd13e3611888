using System.Globalization;
using Fluid;
using Lms.Framework.Settings;
using Lms.Modules.Templates.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Templates.Liquid;

/// <summary>A template's parts ready to render: Liquid parts parsed once per (template, revision).</summary>
internal sealed record CompiledTemplate(Guid Id, string Key, string Culture, int Revision, TemplateKind Kind,
    IReadOnlyDictionary<string, IFluidTemplate> Liquid, IReadOnlyDictionary<string, string> Plain);

/// <summary>
/// Checks, compiles and renders templates. A sweep of thousands of mails reads the template's row at most every
/// <see cref="CurrentFor"/> and parses it once per revision; a save here drops the cached row at once.
/// </summary>
internal sealed class TemplateRenderer(TemplatesDbContext db, LiquidEngine engine, IMemoryCache cache, ISiteSettingsService settings)
{
    /// <summary>How long another node may render the previous revision after a save (this node: not at all).</summary>
    public static readonly TimeSpan CurrentFor = TimeSpan.FromSeconds(30);

    private sealed record Current(Guid Id, string Key, string Culture, int Revision, TemplateKind Kind, string PartsJson);

    /// <summary>Every problem of every part (nothing renders or saves while there is one).</summary>
    public IReadOnlyList<LiquidError> Check(TemplateKind kind, Dictionary<string, string> parts) => Compile(kind, parts, out _, out _);

    public IReadOnlyList<LiquidError> Compile(TemplateKind kind, Dictionary<string, string> parts,
        out Dictionary<string, IFluidTemplate> liquid, out Dictionary<string, string> plain)
    {
        var errors = new List<LiquidError>();
        liquid = new(StringComparer.Ordinal);
        plain = new(StringComparer.Ordinal);
        foreach (var part in TemplateParts.For(kind))
        {
            var text = TemplateParts.Text(parts.GetValueOrDefault(part) ?? "");
            if (TemplateParts.IsRequired(part) && string.IsNullOrWhiteSpace(text))
            {
                errors.Add(new LiquidError(part, 0, 0, "required", LiquidErrorKind.Required));
            }
            else if (!TemplateParts.IsLiquid(part))
            {
                if (TemplateParts.IsValidImageUrl(text.Trim()))
                {
                    plain[part] = text.Trim();
                }
                else
                {
                    errors.Add(new LiquidError(part, 0, 0, text, LiquidErrorKind.InvalidUrl));
                }
            }
            else if (engine.TryParse(part, text, out var template) is { } error)
            {
                errors.Add(error);
            }
            else
            {
                liquid[part] = template!;
            }
        }

        return errors;
    }

    /// <summary>The template for <paramref name="culture"/>, else its <c>ja</c> variant; null for an unknown key.</summary>
    public async Task<CompiledTemplate?> LoadAsync(string key, string culture, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(key, culture, cancellationToken);
        if (current is null && culture != TemplateCultures.Default)
        {
            current = await CurrentAsync(key, TemplateCultures.Default, cancellationToken);
        }

        if (current is null)
        {
            return null;
        }

        return await cache.GetOrCreateAsync(("templates:compiled", current.Id, current.Revision), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            var errors = Compile(current.Kind, TemplateParts.Deserialize(current.PartsJson), out var liquid, out var plain);
            // Saves refuse broken parts, so this only happens to rows written around the rules (by hand in the database).
            return errors.Count > 0
                ? throw new LiquidRenderException($"the stored part '{errors[0].Part}' does not parse: {errors[0].Message}")
                : Task.FromResult(new CompiledTemplate(current.Id, current.Key, current.Culture, current.Revision, current.Kind, liquid, plain));
        });
    }

    public static void Forget(IMemoryCache cache, string key, string culture) => cache.Remove(("templates:current", key, culture));

    public async Task<Dictionary<string, string>> RenderAsync(CompiledTemplate template, IReadOnlyDictionary<string, object?> model, CancellationToken cancellationToken) =>
        await RenderAsync(template.Kind, template.Culture, template.Liquid, template.Plain, model, cancellationToken);

    public async Task<Dictionary<string, string>> RenderAsync(TemplateKind kind, string culture, IReadOnlyDictionary<string, IFluidTemplate> liquid,
        IReadOnlyDictionary<string, string> plain, IReadOnlyDictionary<string, object?> model, CancellationToken cancellationToken)
    {
        var zone = (await settings.GetAsync(cancellationToken)).TimeZone;
        var cultureInfo = TemplateCultures.ToCultureInfo(culture);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in TemplateParts.For(kind))
        {
            try
            {
                result[part] = liquid.TryGetValue(part, out var template)
                    ? await engine.RenderAsync(template, model, zone, cultureInfo)
                    : plain.GetValueOrDefault(part) ?? "";
            }
            catch (LiquidRenderException e) when (e.Part is null)
            {
                throw new LiquidRenderException(e.Message, e.InnerException) { Part = part };
            }
        }

        return result;
    }

    private Task<Current?> CurrentAsync(string key, string culture, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(("templates:current", key, culture), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CurrentFor;
            return await db.Templates.AsNoTracking().Where(t => t.Key == key && t.Culture == culture)
                .Select(t => new Current(t.Id, t.Key, t.Culture, t.Revision, t.Kind, t.PartsJson))
                .FirstOrDefaultAsync(cancellationToken);
        });
}

internal static class TemplateCultures
{
    public const string Default = "ja";
    public static readonly string[] All = ["ja", "en"];

    /// <summary><c>ja-JP</c> → <c>ja</c>, <c>en-US</c> → <c>en</c>; anything else stays as given (and falls back to <c>ja</c>).</summary>
    public static string Normalize(string? culture)
    {
        var name = (culture ?? "").Trim().ToLowerInvariant();
        var dash = name.IndexOfAny(['-', '_']);
        return dash > 0 ? name[..dash] : name.Length == 0 ? Default : name;
    }

    public static CultureInfo ToCultureInfo(string culture) => culture == "en" ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("ja-JP");
}
