using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Lms.Modules.Gamification.Features.OpenBadges;

internal static class OpenBadgeJson
{
    /// <summary>
    /// Japanese stays readable; &lt;, &gt;, &amp; and quotes are still escaped, so the text can sit in HTML or
    /// in an SVG's CDATA section without ever closing it.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
