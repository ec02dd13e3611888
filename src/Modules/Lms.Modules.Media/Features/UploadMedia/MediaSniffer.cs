using System.Buffers.Binary;
using System.Text;
using Lms.Modules.Media.Data;

namespace Lms.Modules.Media.Features.UploadMedia;

/// <summary>A type the library accepts, as recognised from a file's bytes.</summary>
internal sealed record MediaType(string ContentType, string Extension, MediaKind Kind, string[] Extensions)
{
    public static readonly MediaType Png = new("image/png", ".png", MediaKind.Image, [".png"]);
    public static readonly MediaType Jpeg = new("image/jpeg", ".jpg", MediaKind.Image, [".jpg", ".jpeg"]);
    public static readonly MediaType WebP = new("image/webp", ".webp", MediaKind.Image, [".webp"]);
    public static readonly MediaType Svg = new("image/svg+xml", ".svg", MediaKind.Image, [".svg"]);
    public static readonly MediaType Pdf = new("application/pdf", ".pdf", MediaKind.Pdf, [".pdf"]);

    public static readonly IReadOnlyList<MediaType> All = [Png, Jpeg, WebP, Svg, Pdf];
}

internal enum SniffOutcome
{
    Recognised,
    Empty,
    /// <summary>Starts like a type we accept but is cut short or broken.</summary>
    Damaged,
    /// <summary>Nothing we accept (whatever the name says).</summary>
    Unknown,
}

internal readonly record struct SniffResult(SniffOutcome Outcome, MediaType? Type = null, int? Width = null, int? Height = null);

/// <summary>
/// Tells the type from the first bytes (magic numbers), never from the name or the browser's claim, and
/// checks that the file is whole (a truncated upload is refused rather than shown half). SVG is only a
/// candidate here: <see cref="SvgSanitizer"/> decides.
/// </summary>
internal static class MediaSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> PngEnd => [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    public static SniffResult Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return new(SniffOutcome.Empty);
        }

        if (bytes.StartsWith(PngSignature))
        {
            return Png(bytes);
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return Jpeg(bytes);
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP(bytes);
        }

        if (bytes.StartsWith("%PDF-"u8))
        {
            // A PDF ends with %%EOF (possibly followed by a line break or a little junk).
            var tail = bytes[Math.Max(0, bytes.Length - 1024)..];
            return tail.IndexOf("%%EOF"u8) >= 0 ? new(SniffOutcome.Recognised, MediaType.Pdf) : new(SniffOutcome.Damaged);
        }

        return LooksLikeXml(bytes) ? new(SniffOutcome.Recognised, MediaType.Svg) : new(SniffOutcome.Unknown);
    }

    private static SniffResult Png(ReadOnlySpan<byte> bytes)
    {
        // IHDR must come first (width and height big-endian), and a whole file ends with IEND.
        if (bytes.Length < 33 + PngEnd.Length || !bytes[12..16].SequenceEqual("IHDR"u8) || !bytes.EndsWith(PngEnd))
        {
            return new(SniffOutcome.Damaged);
        }

        return Sized(MediaType.Png, BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..]));
    }

    private static SniffResult Jpeg(ReadOnlySpan<byte> bytes)
    {
        // The end-of-image marker, allowing for a few bytes some cameras append after it.
        if (bytes[Math.Max(0, bytes.Length - 64)..].IndexOf([(byte)0xFF, (byte)0xD9]) < 0)
        {
            return new(SniffOutcome.Damaged);
        }

        // Walk the segments to the first start-of-frame, which holds height then width.
        var i = 2;
        while (i + 9 < bytes.Length)
        {
            if (bytes[i] != 0xFF)
            {
                return new(SniffOutcome.Damaged);
            }

            var marker = bytes[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return Sized(MediaType.Jpeg, BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(i + 5)..]));
            }

            if (length < 2)
            {
                return new(SniffOutcome.Damaged);
            }

            i += 2 + length;
        }

        return new(SniffOutcome.Damaged);
    }

    private static SniffResult WebP(ReadOnlySpan<byte> bytes)
    {
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]);
        if (bytes.Length < 26 || declared + 8L > bytes.Length)
        {
            return new(SniffOutcome.Damaged);
        }

        var chunk = bytes[12..16];
        if (chunk.SequenceEqual("VP8 "u8) && bytes.Length >= 30 && bytes[23] == 0x9D && bytes[24] == 0x01 && bytes[25] == 0x2A)
        {
            return Sized(MediaType.WebP, BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8) && bytes[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes[21..]);
            return Sized(MediaType.WebP, (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8) && bytes.Length >= 30)
        {
            return Sized(MediaType.WebP, ReadUInt24(bytes[24..]) + 1, ReadUInt24(bytes[27..]) + 1);
        }

        return new(SniffOutcome.Damaged);
    }

    private static int ReadUInt24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);

    private static SniffResult Sized(MediaType type, int width, int height) =>
        width > 0 && height > 0 ? new(SniffOutcome.Recognised, type, width, height) : new(SniffOutcome.Damaged);

    /// <summary>After an optional UTF-8 byte-order mark and white space, markup begins (the SVG parser decides the rest).</summary>
    private static bool LooksLikeXml(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[3..];
        }

        var start = bytes.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && bytes[start] == (byte)'<';
    }
}
