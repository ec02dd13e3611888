using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Lms.Modules.Certificates.Domain;

/// <summary>What goes on one certificate: the rendered template parts plus what the system adds (QR code, number).</summary>
/// <param name="RecipientName">Lines of the body that hold just this name (with 殿 or 様) are printed larger.</param>
/// <param name="SealImage">PNG or JPEG bytes of the seal (印影), or null.</param>
/// <param name="FooterLines">Small print under the QR code that no template edit can remove: number, completion date, issuer, address.</param>
internal sealed record CertificateContent(
    string Title,
    string Body,
    string SignatoryName,
    string SignatoryTitle,
    byte[]? SealImage,
    string VerifyUrl,
    string DisplayCode,
    string RecipientName,
    string Issuer,
    string Subject,
    IReadOnlyList<string> FooterLines);

/// <summary>
/// Draws a certificate as a one-page A4 landscape PDF: a double frame, the title spaced out, the body set as
/// Japanese (kinsoku line breaking, shrunk to fit when long), the signatory and seal bottom right, the QR
/// code to the verification page bottom left. Text is real text in an embedded subset of Noto Serif JP with a
/// Unicode map, so it can be searched, copied and read by screen readers and <c>pdftotext</c>.
/// </summary>
internal static class CertificatePdf
{
    private static readonly XColor Ink = XColor.FromArgb(0x1F, 0x2A, 0x44);
    private static readonly XColor Accent = XColor.FromArgb(0x9A, 0x7B, 0x2F);
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static byte[] Render(CertificateContent content)
    {
        CertificateFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"{content.Title} {content.RecipientName}".Trim();
        document.Info.Author = content.Issuer;
        document.Info.Subject = content.Subject;
        document.Info.Keywords = content.DisplayCode;
        document.Info.Creator = "Step-0 LMS";
        document.PageLayout = PdfPageLayout.SinglePage;

        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            Draw(gfx, page.Width.Point, page.Height.Point, content);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void Draw(XGraphics gfx, double width, double height, CertificateContent content)
    {
        var ink = new XSolidBrush(Ink);

        // Frame: a heavy outer line and a thin inner one.
        gfx.DrawRectangle(new XPen(Ink, 3), 24, 24, width - 48, height - 48);
        gfx.DrawRectangle(new XPen(Accent, 0.8), 32, 32, width - 64, height - 64);

        // Title, spaced out when it is a short Japanese word (修　了　証).
        var titleFont = new XFont(CertificateFonts.Family, 38, XFontStyleEx.Bold, Unicode);
        DrawSpacedCentered(gfx, content.Title.Trim(), titleFont, ink, width / 2, 62);

        // Signatory block and QR code at the bottom; the body gets the space between.
        const double bottom = 500;
        DrawQr(gfx, content, ink, 56, 412);
        DrawSignatory(gfx, content, ink, width - 70, bottom);

        DrawBody(gfx, content, ink, left: 110, top: 135, maxWidth: width - 220, maxHeight: 270);
    }

    private static void DrawSpacedCentered(XGraphics gfx, string text, XFont font, XBrush brush, double centerX, double top)
    {
        var spaced = text.Length is > 1 and <= 6 && text.All(c => c >= 0x2E80)
            ? string.Join("\u3000", text.ToCharArray().Select(c => c.ToString()))
            : text;
        var size = gfx.MeasureString(spaced, font);
        gfx.DrawString(spaced, font, brush, new XRect(centerX - size.Width / 2, top, size.Width, size.Height), XStringFormats.TopLeft);
    }

    private static void DrawBody(XGraphics gfx, CertificateContent content, XBrush brush, double left, double top, double maxWidth, double maxHeight)
    {
        var paragraphs = content.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var name = content.RecipientName.Trim();

        // Largest size (17 pt down to 9 pt) at which the whole body fits.
        for (var size = 17.0; ; size -= 1)
        {
            var normal = new XFont(CertificateFonts.Family, size, XFontStyleEx.Regular, Unicode);
            var large = new XFont(CertificateFonts.Family, size * 1.5, XFontStyleEx.Bold, Unicode);
            var laidOut = new List<(string Text, XFont Font, double Height, bool Centered)>();
            var afterName = false;
            foreach (var paragraph in paragraphs)
            {
                var text = paragraph.TrimEnd();
                if (text.Length == 0)
                {
                    laidOut.Add(("", normal, size * 0.9, false));
                    afterName = false;
                    continue;
                }

                // The name is set large and centred, and so is its reading in brackets right under it.
                var isName = IsNameLine(text, name);
                var centered = isName || (afterName && text.TrimStart()[0] is '（' or '(');
                afterName = isName;
                var font = isName ? large : normal;
                foreach (var line in JapaneseLineBreaker.Wrap(text, maxWidth, s => gfx.MeasureString(s, font).Width))
                {
                    laidOut.Add((line, font, font.Size * 1.7, centered));
                }
            }

            var total = laidOut.Sum(l => l.Height);
            if (total <= maxHeight || size <= 9)
            {
                var y = top + Math.Max(0, (maxHeight - total) / 3);
                foreach (var (text, font, lineHeight, centered) in laidOut)
                {
                    if (text.Length > 0)
                    {
                        var x = centered ? left + (maxWidth - gfx.MeasureString(text, font).Width) / 2 : left;
                        gfx.DrawString(text, font, brush, new XRect(x, y, maxWidth, lineHeight), XStringFormats.TopLeft);
                    }

                    y += lineHeight;
                }

                return;
            }
        }
    }

    private static bool IsNameLine(string line, string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        var rest = line.Trim();
        if (!rest.StartsWith(name, StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[name.Length..].Trim();
        return rest is "" or "殿" or "様" or "さん";
    }

    private static void DrawSignatory(XGraphics gfx, CertificateContent content, XBrush brush, double right, double baseline)
    {
        var titleFont = new XFont(CertificateFonts.Family, 13, XFontStyleEx.Regular, Unicode);
        var nameFont = new XFont(CertificateFonts.Family, 20, XFontStyleEx.Bold, Unicode);
        var signatoryTitle = content.SignatoryTitle.Trim();
        var signatoryName = content.SignatoryName.Trim();
        var nameSize = gfx.MeasureString(signatoryName, nameFont);

        // The seal goes over the end of the name, as a stamped 印 would.
        const double seal = 64;
        var nameRight = right - (content.SealImage is null ? 0 : seal + 8);
        if (signatoryTitle.Length > 0)
        {
            var size = gfx.MeasureString(signatoryTitle, titleFont);
            gfx.DrawString(signatoryTitle, titleFont, brush, new XRect(nameRight - size.Width, baseline - 58, size.Width, size.Height), XStringFormats.TopLeft);
        }

        if (signatoryName.Length > 0)
        {
            gfx.DrawString(signatoryName, nameFont, brush, new XRect(nameRight - nameSize.Width, baseline - 34, nameSize.Width, nameSize.Height), XStringFormats.TopLeft);
        }

        if (content.SealImage is { Length: > 0 } bytes)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var image = XImage.FromStream(stream);
            var ratio = image.PixelWidth > 0 && image.PixelHeight > 0 ? (double)image.PixelWidth / image.PixelHeight : 1;
            var w = ratio >= 1 ? seal : seal * ratio;
            var h = ratio >= 1 ? seal / ratio : seal;
            gfx.DrawImage(image, right - w, baseline - 34 + nameSize.Height / 2 - h / 2, w, h);
        }
    }

    private static void DrawQr(XGraphics gfx, CertificateContent content, XBrush brush, double left, double top)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content.VerifyUrl, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var count = matrix.Count;
        const double size = 84;
        var module = size / count;

        // One rectangle per run of dark modules in a row: fewer drawing operations, no hairline gaps.
        for (var row = 0; row < count; row++)
        {
            var bits = matrix[row];
            var col = 0;
            while (col < count)
            {
                if (!bits[col])
                {
                    col++;
                    continue;
                }

                var start = col;
                while (col < count && bits[col])
                {
                    col++;
                }

                gfx.DrawRectangle(XBrushes.Black, left + start * module, top + row * module, (col - start) * module, module);
            }
        }

        var small = new XFont(CertificateFonts.Family, 7.5, XFontStyleEx.Regular, Unicode);
        var y = top + size + 3;
        foreach (var line in content.FooterLines)
        {
            gfx.DrawString(line, small, brush, new XRect(left, y, 400, 10), XStringFormats.TopLeft);
            y += 10;
        }
    }
}
