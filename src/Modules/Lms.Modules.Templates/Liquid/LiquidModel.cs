using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Lms.Modules.Templates.Liquid;

/// <summary>
/// Turns a model (from another module, or the sample JSON of the editor) into plain dictionaries and lists that
/// Fluid walks without registering types, with moments moved into the site's time zone so <c>date</c> shows local time.
/// </summary>
internal static class LiquidModel
{
    public static Dictionary<string, object?> Normalize(IReadOnlyDictionary<string, object?> model, TimeZoneInfo zone) =>
        model.ToDictionary(p => p.Key, p => Value(p.Value, zone), StringComparer.Ordinal);

    /// <summary>The sample model of a template: ISO dates become dates and ISO moments become moments, as in real models.</summary>
    public static Dictionary<string, object?> FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? (Dictionary<string, object?>)Json(document.RootElement)!
            : throw new JsonException("the sample data must be a JSON object");
    }

    private static object? Value(object? value, TimeZoneInfo zone) => value switch
    {
        null or string or bool or DateOnly => value,
        DateTimeOffset at => TimeZoneInfo.ConvertTime(at, zone),
        DateTime at => TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)), zone),
        JsonElement element => Value(Json(element), zone),
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(p => p.Key, p => Value(p.Value, zone), StringComparer.Ordinal),
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", k => Value(map[k], zone), StringComparer.Ordinal),
        IEnumerable list => list.Cast<object?>().Select(v => Value(v, zone)).ToList(),
        _ => value,
    };

    private static object? Json(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Json(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Json).ToList(),
        JsonValueKind.String => Text(element.GetString()!),
        JsonValueKind.Number => element.TryGetInt64(out var n) ? n : element.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static object Text(string text)
    {
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return text.Length > 10 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : text;
    }
}
