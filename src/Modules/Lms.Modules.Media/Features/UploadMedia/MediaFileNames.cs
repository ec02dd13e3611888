using System.Globalization;
using System.Text;
using Lms.Modules.Media.Data;

namespace Lms.Modules.Media.Features.UploadMedia;

/// <summary>
/// What is kept of the name a browser sends: the last path segment, without control or invisible formatting
/// characters (a right-to-left override can make "gpj.exe" read as "exe.jpg") and without characters that
/// mean something in paths, HTML or Markdown; at most 200 characters, and the extension of the real type.
/// </summary>
internal static class MediaFileNames
{
    private const string Replaced = "<>:\"/\\|?*[]()`#%&{}";

    public static string Clean(string? uploaded, MediaType type)
    {
        var name = (uploaded ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes()) // a lone surrogate comes out as U+FFFD, dropped below
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsControl(rune) || rune == Rune.ReplacementChar || category is UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                continue;
            }

            var keep = !Rune.IsWhiteSpace(rune) || rune.Value is ' ' or '\u3000';
            builder.Append(keep && !(rune.IsAscii && Replaced.Contains((char)rune.Value, StringComparison.Ordinal)) ? rune.ToString() : "_");
        }

        var stem = builder.ToString();
        var dot = stem.LastIndexOf('.');
        if (dot > 0 && stem.Length - dot <= 6)
        {
            var extension = stem[dot..].ToLowerInvariant();
            stem = stem[..dot];
            if (type.Extensions.Contains(extension))
            {
                return Fit(stem, extension);
            }
        }

        return Fit(stem, type.Extension);
    }

    private static string Fit(string stem, string extension)
    {
        stem = stem.Trim().Trim('.', ' ', '　', '_');
        if (stem.Length == 0)
        {
            stem = "file";
        }

        var room = MediaFile.FileNameLength - extension.Length;
        if (stem.Length > room)
        {
            stem = stem[..room];
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }
        }

        return stem + extension;
    }
}
