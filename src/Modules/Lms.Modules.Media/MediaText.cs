using System.Text;
using Lms.Modules.Media.Data;

namespace Lms.Modules.Media;

/// <summary>How a file is referred to: its URL and a Markdown snippet that shows it, and clean alternative text.</summary>
internal static class MediaText
{
    public static string Url(Guid id, string fileName) => $"/media/{id}/{Uri.EscapeDataString(fileName)}";

    internal static string Url(MediaFile file) => Url(file.Id, file.FileName);

    /// <summary><c>![alt](url)</c> for images, <c>[name](url)</c> for PDFs; brackets in the text are escaped.</summary>
    internal static string Markdown(MediaFile file)
    {
        var text = Escape(file.Kind == MediaKind.Image ? file.Alt : (file.Alt.Length > 0 ? file.Alt : file.FileName));
        return file.Kind == MediaKind.Image ? $"![{text}]({Url(file)})" : $"[{text}]({Url(file)})";
    }

    /// <summary>One line, no control characters, at most 500 characters.</summary>
    public static string CleanAlt(string? alt)
    {
        var builder = new StringBuilder();
        foreach (var c in (alt ?? "").Trim())
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        var clean = builder.ToString().Trim();
        return clean.Length > MediaFile.AltLength ? clean[..MediaFile.AltLength] : clean;
    }

    /// <summary>"34 KB", "1.2 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024d:0.#} KB",
        _ => $"{bytes / (1024d * 1024d):0.#} MB",
    };

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '[' or ']' or '*' or '_' or '`' or '<' or '>')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
