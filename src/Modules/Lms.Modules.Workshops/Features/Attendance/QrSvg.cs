using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>
/// A QR code as inline SVG: one path of dark modules in a square viewBox, so it scales to any screen or
/// projector without blurring and needs no image request or script.
/// </summary>
internal static class QrSvg
{
    public static string Render(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        // Level M survives a glare spot on a projected code and keeps the symbol small enough to scan from the back row.
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes the quiet zone
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size; x++)
            {
                if (!row[x])
                {
                    continue;
                }

                // Runs of dark modules as one rectangle each: a tenth of the path of one square per module.
                var start = x;
                while (x + 1 < size && row[x + 1])
                {
                    x++;
                }

                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start + 1}v1h-{x - start + 1}z");
            }
        }

        var title = WebUtility.HtmlEncode(label);
        return $"""<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="{title}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>""";
    }
}
