using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Lms.Modules.Certificates.Domain;

/// <summary>
/// Serves PDFsharp the fonts shipped inside this assembly (Noto Serif JP, regular and bold; SIL OFL 1.1), so
/// certificates look the same on every machine and a fresh one needs no installed font. Whatever family a
/// caller names, it gets Noto Serif JP: there is nothing else to give.
/// </summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Family = "Noto Serif JP";
    private const string Regular = "NotoSerifJP-Regular";
    private const string Bold = "NotoSerifJP-Bold";

    private static readonly Lock Gate = new();
    private static bool installed;
    private readonly ConcurrentDictionary<string, byte[]> cache = new();

    /// <summary>Installs the resolver once per process (PDFsharp allows one, set before the first font is used).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not CertificateFonts)
            {
                GlobalFontSettings.FontResolver = new CertificateFonts();
            }

            installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => cache.GetOrAdd(faceName, static name =>
    {
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream($"Lms.Certificates.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name}.ttf is not embedded in {typeof(CertificateFonts).Assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });
}
