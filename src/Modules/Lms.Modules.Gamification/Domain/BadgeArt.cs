using System.Globalization;
using System.Security;

namespace Lms.Modules.Gamification.Domain;

/// <summary>
/// Draws a badge as SVG from a palette and an icon, so an administrator without a designer still gets a
/// clean, consistent set. The initial text (a kanji or two) sits under the icon.
/// </summary>
internal static class BadgeArt
{
    /// <summary>Palette name → (ring, face, accent). Colours chosen for contrast with white icons (WCAG AA on the face).</summary>
    public static readonly IReadOnlyDictionary<string, (string Ring, string Face, string Accent)> Palettes = new Dictionary<string, (string, string, string)>
    {
        ["indigo"] = ("#1e2a78", "#3949ab", "#c5cae9"),
        ["teal"] = ("#004d40", "#00796b", "#b2dfdb"),
        ["crimson"] = ("#7f0000", "#b71c1c", "#ffcdd2"),
        ["amber"] = ("#6d4c00", "#a15c00", "#ffe0b2"),
        ["forest"] = ("#1b4d1e", "#2e7d32", "#c8e6c9"),
        ["plum"] = ("#4a148c", "#6a1b9a", "#e1bee7"),
        ["slate"] = ("#263238", "#455a64", "#cfd8dc"),
        ["gold"] = ("#5d4300", "#8d6e00", "#fff3c4"),
    };

    /// <summary>Icon name → SVG path data on a 48×48 grid centred at (24,24).</summary>
    public static readonly IReadOnlyDictionary<string, string> Icons = new Dictionary<string, string>
    {
        ["star"] = "M24 4l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L24 34.1 12.3 40.3l2.2-13.1L5 17.9 18.1 16z",
        ["persona"] = "M24 6a8 8 0 1 1 0 16a8 8 0 1 1 0-16zM8 42c0-9 7-15 16-15s16 6 16 15z",
        ["journey"] = "M6 38h8V26h8v-8h8V10h12v6h-6v8h-8v8h-8v12H6z",
        ["lightbulb"] = "M24 4c-8 0-14 6-14 13.5 0 5 2.7 8.6 5.5 11.2 1.6 1.5 2.5 3.3 2.5 5.3h12c0-2 .9-3.8 2.5-5.3 2.8-2.6 5.5-6.2 5.5-11.2C38 10 32 4 24 4zM18 37h12v3H18zM20 42h8v2h-8z",
        ["megaphone"] = "M6 20h8l20-10v28L14 28H6zM14 30l3 10h5l-3-10zM38 17a7 7 0 0 1 0 14z",
        ["team"] = "M16 10a6 6 0 1 1 0 12a6 6 0 1 1 0-12zM32 10a6 6 0 1 1 0 12a6 6 0 1 1 0-12zM4 38c0-7 5-12 12-12s12 5 12 12zM22 38c0-7 5-12 10-12 7 0 12 5 12 12z",
        ["compass"] = "M24 4a20 20 0 1 1 0 40a20 20 0 1 1 0-40zm0 4a16 16 0 1 0 0 32a16 16 0 1 0 0-32zM31 17l-4 10-10 4 4-10z",
        ["flag"] = "M10 4h3v40h-3zM13 6h24l-5 8 5 8H13z",
        ["graduate"] = "M24 8L2 18l22 10 18-8.2V32h3V18zM12 25v8c0 4 5.4 7 12 7s12-3 12-7v-8l-12 5.5z",
        ["shield"] = "M24 4l16 6v12c0 10-7 18-16 22C15 40 8 32 8 22V10zm-3 28l13-13-3-3-10 10-5-5-3 3z",
    };

    public static string Svg(string palette, string icon, string label)
    {
        var (ring, face, accent) = Palettes.TryGetValue(palette, out var p) ? p : Palettes["indigo"];
        var path = Icons.TryGetValue(icon, out var i) ? i : Icons["star"];
        var text = label.Length > 4 ? label[..4] : label;
        var fontSize = text.Length <= 2 ? 26 : 20;
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="{SecurityElement.Escape(label)}">
              <circle cx="128" cy="128" r="124" fill="{ring}"/>
              <circle cx="128" cy="128" r="108" fill="{face}"/>
              <circle cx="128" cy="128" r="100" fill="none" stroke="{accent}" stroke-width="3" stroke-dasharray="6 6"/>
              <g transform="translate(80 48) scale(2)" fill="#ffffff">
                <path d="{path}"/>
              </g>
              <text x="128" y="{(text.Length <= 2 ? 196 : 192)}" text-anchor="middle" font-family="'Noto Sans JP','Hiragino Sans','Yu Gothic',sans-serif" font-weight="700" font-size="{fontSize}" fill="{accent}">{SecurityElement.Escape(text)}</text>
            </svg>
            """);
    }
}
