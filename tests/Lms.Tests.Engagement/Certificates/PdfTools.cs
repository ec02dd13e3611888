using System.Diagnostics;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Lms.Tests.Certificates;

/// <summary>
/// Poppler's command-line tools read the PDFs as any reader would: <c>pdftotext</c> for the text, <c>pdftoppm</c> to
/// render the page for the QR decoder (ZXing). CI installs poppler-utils and sets LMS_REQUIRE_POPPLER=1.
/// </summary>
internal static class PdfTools
{
    public static bool Available => File.Exists("/usr/bin/pdftotext") && File.Exists("/usr/bin/pdftoppm");

    public static async Task<string> TextAsync(byte[] pdf)
    {
        var path = await WriteAsync(pdf);
        try
        {
            return await RunAsync("pdftotext", $"-layout -enc UTF-8 \"{path}\" -");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Renders the page at 150 dpi in grey and decodes the QR code on it (null when there is none).</summary>
    public static async Task<string?> DecodeQrAsync(byte[] pdf)
    {
        var path = await WriteAsync(pdf);
        var prefix = Path.Combine(Path.GetTempPath(), "qr-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunAsync("pdftoppm", $"-r 150 -gray -singlefile \"{path}\" \"{prefix}\"");
            var (pixels, width, height) = ReadPgm(await File.ReadAllBytesAsync(prefix + ".pgm"));
            var source = new PlanarYUVLuminanceSource(pixels, width, height, 0, 0, width, height, false);
            var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true });
            return result?.Text;
        }
        finally
        {
            File.Delete(path);
            File.Delete(prefix + ".pgm");
        }
    }

    private static async Task<string> WriteAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        return path;
    }

    private static async Task<string> RunAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/" + tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
        return output;
    }

    /// <summary>A binary PGM (P5, 8 bits): header "P5 width height 255" then the pixels.</summary>
    private static (byte[] Pixels, int Width, int Height) ReadPgm(byte[] data)
    {
        var fields = new List<string>();
        var i = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)data[i]))
            {
                i++;
            }

            var start = i;
            while (!char.IsWhiteSpace((char)data[i]))
            {
                i++;
            }

            fields.Add(System.Text.Encoding.ASCII.GetString(data, start, i - start));
        }

        i++; // the single whitespace after the maximum value
        Assert.Equal("P5", fields[0]);
        var (width, height) = (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
        return (data[i..(i + width * height)], width, height);
    }
}

/// <summary>A test that reads PDFs with poppler-utils: skipped, saying so, where they are missing (unless LMS_REQUIRE_POPPLER=1).</summary>
public sealed class PopplerFactAttribute : FactAttribute
{
    public PopplerFactAttribute()
    {
        if (!PdfTools.Available && Environment.GetEnvironmentVariable("LMS_REQUIRE_POPPLER") != "1")
        {
            Skip = "Needs poppler-utils (pdftotext, pdftoppm); .ci/run installs them.";
        }
    }
}
