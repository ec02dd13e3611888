using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Lms.Modules.Reporting.Charts;

/// <summary>A bar: its label, its value (for the bar's length) and the text printed beside it.</summary>
internal sealed record Bar(string Label, double Value, string Text);

/// <summary>A point of a line over days.</summary>
internal sealed record DayPoint(DateOnly Day, int Value);

/// <summary>
/// Small charts drawn on the server as SVG: no script, they print, and screen readers get a title and a description
/// (each chart also comes with its figures as a table on the page). Colours come from the page's CSS classes, and
/// every bar carries its value as text, so nothing is told by colour alone.
/// </summary>
internal static class SvgCharts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Horizontal bars, one per row, scaled to <paramref name="max"/> (e.g. 100 for percentages).</summary>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<Bar> bars, double max)
    {
        const int labelWidth = 250, barWidth = 330, valueWidth = 160, rowHeight = 28;
        var height = Math.Max(1, bars.Count) * rowHeight + 8;
        var svg = Open(id, title, description, labelWidth + barWidth + valueWidth, height);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 4 + i * rowHeight;
            var length = max <= 0 ? 0 : Math.Clamp(bar.Value / max, 0, 1) * barWidth;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{labelWidth - 8}\" y=\"{y + 18}\" text-anchor=\"end\">{Encode(Shorten(bar.Label, 18))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-track\" x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{barWidth}\" height=\"18\" rx=\"3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{length.ToString("0.#", Invariant)}\" height=\"18\" rx=\"3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{labelWidth + barWidth + 8}\" y=\"{y + 18}\">{Encode(bar.Text)}</text>");
        }

        return Close(svg);
    }

    /// <summary>Two bars per group, before (light) and after (dark), on one scale; the text says both and the change.</summary>
    public static IHtmlContent PairedBars(string id, string title, string description, IReadOnlyList<(string Label, double? Before, double? After, string Text)> rows, double max, string beforeLabel, string afterLabel)
    {
        const int labelWidth = 250, barWidth = 330, valueWidth = 200, rowHeight = 34, legend = 26;
        var svg = Open(id, title, description, labelWidth + barWidth + valueWidth, legend + Math.Max(1, rows.Count) * rowHeight + 6);
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar-before\" x=\"{labelWidth}\" y=\"6\" width=\"14\" height=\"10\"/><text class=\"chart-label\" x=\"{labelWidth + 20}\" y=\"15\">{Encode(beforeLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{labelWidth + 120}\" y=\"6\" width=\"14\" height=\"10\"/><text class=\"chart-label\" x=\"{labelWidth + 140}\" y=\"15\">{Encode(afterLabel)}</text>");
        string Length(double? value) => (max <= 0 || value is null ? 0 : Math.Clamp(value.Value / max, 0, 1) * barWidth).ToString("0.#", Invariant);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, before, after, text) = rows[i];
            var y = legend + i * rowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{labelWidth - 8}\" y=\"{y + 20}\" text-anchor=\"end\">{Encode(Shorten(label, 18))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-track\" x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{barWidth}\" height=\"24\" rx=\"3\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar-before\" x=\"{labelWidth}\" y=\"{y + 5}\" width=\"{Length(before)}\" height=\"10\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"chart-bar\" x=\"{labelWidth}\" y=\"{y + 17}\" width=\"{Length(after)}\" height=\"10\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{labelWidth + barWidth + 8}\" y=\"{y + 20}\">{Encode(text)}</text>");
        }

        return Close(svg);
    }

    /// <summary>A cumulative line over days with the due dates drawn as dashed vertical lines.</summary>
    public static IHtmlContent Timeline(string id, string title, string description, IReadOnlyList<DayPoint> points, IReadOnlyList<DateOnly> dueDates, int total, string dueLabel)
    {
        const int width = 690, height = 240, left = 48, right = 16, top = 22, bottom = 36;
        var svg = Open(id, title, description, width, height);
        if (points.Count == 0)
        {
            return Close(svg);
        }

        var first = new[] { points[0].Day }.Concat(dueDates).Min();
        var last = points[^1].Day;
        foreach (var due in dueDates)
        {
            last = due > last ? due : last;
        }

        var days = Math.Max(1, last.DayNumber - first.DayNumber);
        var max = Math.Max(1, total);
        double X(DateOnly d) => left + (d.DayNumber - first.DayNumber) * (double)(width - left - right) / days;
        double Y(int v) => top + (height - top - bottom) * (1 - (double)v / max);

        // Axes and the 0 / total marks.
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-axis\" x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{height - bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-grid\" x1=\"{left}\" y1=\"{Y(max).ToString("0.#", Invariant)}\" x2=\"{width - right}\" y2=\"{Y(max).ToString("0.#", Invariant)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{left - 6}\" y=\"{(Y(max) + 4).ToString("0.#", Invariant)}\" text-anchor=\"end\">{max}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{left - 6}\" y=\"{height - bottom + 4}\" text-anchor=\"end\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{left}\" y=\"{height - 12}\">{first:M/d}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{width - right}\" y=\"{height - 12}\" text-anchor=\"end\">{last:M/d}</text>");

        foreach (var due in dueDates)
        {
            var x = X(due).ToString("0.#", Invariant);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"chart-due\" x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{height - bottom}\"/>");
            var anchor = X(due) > width - right - 40 ? "end" : X(due) < left + 40 ? "start" : "middle";
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-label\" x=\"{x}\" y=\"{top - 4}\" text-anchor=\"{anchor}\">{Encode(dueLabel)} {due:M/d}</text>");
        }

        var path = new StringBuilder();
        path.Append(CultureInfo.InvariantCulture, $"M{X(first).ToString("0.#", Invariant)},{Y(0).ToString("0.#", Invariant)}");
        foreach (var point in points)
        {
            path.Append(CultureInfo.InvariantCulture, $" L{X(point.Day).ToString("0.#", Invariant)},{Y(point.Value).ToString("0.#", Invariant)}");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"chart-line\" d=\"{path}\" fill=\"none\"/>");
        var end = points[^1];
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"chart-value\" x=\"{(X(end.Day) - 4).ToString("0.#", Invariant)}\" y=\"{(Y(end.Value) - 6).ToString("0.#", Invariant)}\" text-anchor=\"end\">{end.Value}</text>");
        return Close(svg);
    }

    /// <summary>Cumulative counts per day from a list of moments, in the site's time zone.</summary>
    public static IReadOnlyList<DayPoint> Cumulative(IEnumerable<DateTimeOffset> moments, TimeZoneInfo zone)
    {
        var running = 0;
        return moments.Select(m => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m, zone).DateTime))
            .GroupBy(d => d).OrderBy(g => g.Key)
            .Select(g => new DayPoint(g.Key, running += g.Count())).ToList();
    }

    private static StringBuilder Open(string id, string title, string description, int width, int height)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" style=\"max-width:{width}px\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");
        return svg;
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Shorten(string text, int length) => text.Length <= length ? text : "…" + text[^(length - 1)..];
}
