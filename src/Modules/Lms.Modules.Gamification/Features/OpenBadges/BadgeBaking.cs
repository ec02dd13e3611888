using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>
/// Open Badges baking (the 2.0 baking specification): puts an assertion into a badge image so the image
/// carries its own proof, and reads it back out. PNG: one uncompressed <c>iTXt</c> chunk with the keyword
/// <c>openbadges</c>, placed before <c>IEND</c>. SVG: an <c>openbadges:assertion</c> element, the first child
/// of <c>svg</c>, with the assertion's URL in <c>verify</c> and the JSON in a CDATA section. An image baked
/// before has its old assertion replaced (the specification allows only one).
/// </summary>
internal static class BadgeBaking
{
    public const string Keyword = "openbadges";
    public const string SvgNamespace = "http://openbadges.org";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsPng(ReadOnlySpan<byte> image) => image.StartsWith(PngSignature);

    public static byte[] BakePng(byte[] png, string assertionJson)
    {
        var output = new MemoryStream(png.Length + assertionJson.Length + 64);
        output.Write(PngSignature);
        var baked = false;
        foreach (var chunk in Chunks(png))
        {
            if (chunk.Type == "IEND" && !baked)
            {
                WriteChunk(output, "iTXt", TextChunk(assertionJson));
                baked = true;
            }

            if (chunk.Type == "iTXt" && KeywordOf(chunk.Data) == Keyword)
            {
                continue; // an earlier baking: replaced
            }

            WriteChunk(output, chunk.Type, chunk.Data);
        }

        return baked ? output.ToArray() : throw new FormatException("The PNG has no IEND chunk.");
    }

    /// <summary>The text of the first <c>openbadges</c> iTXt chunk (an assertion's JSON or a signed badge), or null.</summary>
    public static string? UnbakePng(byte[] png)
    {
        foreach (var chunk in Chunks(png))
        {
            if (chunk.Type != "iTXt" || KeywordOf(chunk.Data) != Keyword)
            {
                continue;
            }

            // keyword \0 compression-flag compression-method language-tag \0 translated-keyword \0 text
            var data = chunk.Data;
            var at = Array.IndexOf(data, (byte)0) + 1;
            var compressed = data[at] == 1;
            at += 2;
            at = Array.IndexOf(data, (byte)0, at) + 1;
            at = Array.IndexOf(data, (byte)0, at) + 1;
            var text = data.AsSpan(at).ToArray();
            if (compressed)
            {
                using var inflater = new ZLibStream(new MemoryStream(text), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                inflater.CopyTo(plain);
                text = plain.ToArray();
            }

            return Encoding.UTF8.GetString(text);
        }

        return null;
    }

    public static byte[] BakeSvg(byte[] svg, string assertionJson, string assertionUrl)
    {
        var document = Load(svg);
        var root = document.Root ?? throw new FormatException("The SVG has no root element.");
        XNamespace ob = SvgNamespace;
        root.Descendants(ob + "assertion").Remove();
        root.SetAttributeValue(XNamespace.Xmlns + "openbadges", SvgNamespace);
        // The JSON escapes '>' (OpenBadgeJson), so "]]>" cannot occur in it and end the section early.
        root.AddFirst(new XElement(ob + "assertion", new XAttribute("verify", assertionUrl), new XCData(assertionJson)));

        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    /// <summary>The body of the first <c>openbadges:assertion</c> (JSON), else its <c>verify</c> attribute (a signature or URL); null if none.</summary>
    public static string? UnbakeSvg(byte[] svg)
    {
        var element = Load(svg).Descendants(XName.Get("assertion", SvgNamespace)).FirstOrDefault();
        if (element is null)
        {
            return null;
        }

        var body = element.Value.Trim();
        return body.Length > 0 ? body : (string?)element.Attribute("verify");
    }

    private static XDocument Load(byte[] svg)
    {
        // No DTDs and no external entities: the SVG may be an administrator's upload.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(svg), settings);
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
    }

    private static byte[] TextChunk(string text)
    {
        // Uncompressed (the baking specification forbids compression), no language tag, no translated keyword.
        var keyword = Encoding.Latin1.GetBytes(Keyword);
        var body = Encoding.UTF8.GetBytes(text);
        var data = new byte[keyword.Length + 5 + body.Length];
        keyword.CopyTo(data, 0);
        body.CopyTo(data, keyword.Length + 5);
        return data;
    }

    private static string? KeywordOf(byte[] data)
    {
        var end = Array.IndexOf(data, (byte)0);
        return end > 0 ? Encoding.Latin1.GetString(data, 0, end) : null;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        // The CRC covers the type and the data, not the length.
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }

    internal readonly record struct PngChunk(string Type, byte[] Data, uint Crc);

    /// <summary>The chunks of a PNG, in order; throws on a file that is not a PNG or is cut short.</summary>
    internal static IEnumerable<PngChunk> Chunks(byte[] png)
    {
        if (!IsPng(png))
        {
            throw new FormatException("Not a PNG file.");
        }

        var at = PngSignature.Length;
        while (at < png.Length)
        {
            if (at + 12 > png.Length)
            {
                throw new FormatException("The PNG is cut short.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length > int.MaxValue || at + 12 + (long)length > png.Length)
            {
                throw new FormatException("A PNG chunk runs past the end of the file.");
            }

            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, (int)length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + (int)length));
            yield return new PngChunk(type, data, crc);
            at += 12 + (int)length;
            if (type == "IEND")
            {
                yield break;
            }
        }
    }
}
