using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Lms.Modules.Media.Features.UploadMedia;

internal enum SvgOutcome
{
    Sanitised,
    /// <summary>Well-formed XML whose root is not an SVG element: not an SVG at all (e.g. an HTML page).</summary>
    NotSvg,
    /// <summary>Mentions svg but cannot be parsed safely: not well-formed, or it declares a DTD (entities, XXE).</summary>
    Unreadable,
}

/// <summary>
/// Rebuilds an SVG from a whitelist: only drawing elements and presentation attributes in the SVG namespace
/// survive. No scripts, no event handlers, no foreign content, no style sheets, no links or references
/// leaving the file. The stored file is this rebuilt copy, never the upload; it is also served under a
/// sandboxing Content-Security-Policy, so a gap here is not yet a hole.
/// </summary>
internal static class SvgSanitizer
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    public static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "switch",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow", "feFlood",
        "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    };

    private static readonly HashSet<string> TextElements = new(StringComparer.Ordinal) { "title", "desc", "text", "tspan", "textPath" };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "id", "class", "lang", "role", "aria-label", "aria-hidden", "version", "viewBox", "preserveAspectRatio", "transform",
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "d", "points", "pathLength",
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
        "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color", "display", "visibility", "overflow",
        "vector-effect", "shape-rendering", "paint-order", "clip-path", "clip-rule", "mask", "filter",
        "font-family", "font-size", "font-weight", "font-style", "font-variant", "text-anchor", "dominant-baseline", "alignment-baseline",
        "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset",
        "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
        "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
        "marker-start", "marker-mid", "marker-end", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
        "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4",
        "values", "type", "tableValues", "slope", "intercept", "amplitude", "exponent", "flood-color", "flood-opacity", "radius",
        "style", "href",
    };

    public static (SvgOutcome Outcome, byte[]? Svg) Sanitise(byte[] upload)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, // no entity expansion (billion laughs) and no external entities (XXE)
                XmlResolver = null,
                MaxCharactersFromEntities = 1024,
                MaxCharactersInDocument = upload.LongLength * 4 + 1024,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            };
            using var reader = XmlReader.Create(new MemoryStream(upload, writable: false), settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException)
        {
            return (MentionsSvg(upload) ? SvgOutcome.Unreadable : SvgOutcome.NotSvg, null);
        }

        if (document.Root is not { } root || root.Name != Svg + "svg")
        {
            return (SvgOutcome.NotSvg, null);
        }

        var clean = CleanElement(root)!;
        clean.SetAttributeValue(XNamespace.Xmlns + "xlink", XLink.NamespaceName);
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false }))
        {
            new XDocument(clean).Save(writer);
        }

        return (SvgOutcome.Sanitised, output.ToArray());
    }

    private static XElement? CleanElement(XElement element)
    {
        if (element.Name.Namespace != Svg || !Elements.Contains(element.Name.LocalName))
        {
            return null; // with everything inside it: script, foreignObject, style, a, image, animate...
        }

        var clean = new XElement(element.Name);
        foreach (var attribute in element.Attributes())
        {
            if (CleanAttribute(attribute) is { } kept)
            {
                clean.Add(kept);
            }
        }

        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XElement child when CleanElement(child) is { } cleanChild:
                    clean.Add(cleanChild);
                    break;
                case XText text when TextElements.Contains(element.Name.LocalName):
                    clean.Add(new XText(text.Value));
                    break;
            }
        }

        return clean;
    }

    private static XAttribute? CleanAttribute(XAttribute attribute)
    {
        if (attribute.IsNamespaceDeclaration)
        {
            return null; // the writer declares what is used
        }

        var name = attribute.Name;
        var isHref = name == XLink + "href" || name == "href";
        if (name == XNamespace.Xml + "space" || name == XNamespace.Xml + "lang")
        {
            return new XAttribute(name, attribute.Value);
        }

        if (!isHref && (name.Namespace != XNamespace.None || !Attributes.Contains(name.LocalName)))
        {
            return null; // on* handlers are simply not on the list
        }

        var value = attribute.Value;
        var squeezed = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        if (isHref)
        {
            // Only a reference to something inside this file (<use href="#icon">).
            return value.StartsWith('#') && value.Length > 1 && value.Skip(1).All(IsIdChar) ? new XAttribute(XLink + "href", value) : null;
        }

        if (squeezed.Contains("javascript:", StringComparison.Ordinal) || squeezed.Contains("expression", StringComparison.Ordinal)
            || squeezed.Contains("data:", StringComparison.Ordinal) || squeezed.Contains('\\'))
        {
            return null;
        }

        if (name.LocalName == "style")
        {
            return squeezed.Contains("url(", StringComparison.Ordinal) || squeezed.Contains('@') ? null : new XAttribute(name, value);
        }

        // Presentation attributes may point at a gradient or a clip path of this file: url(#id), nothing else.
        return squeezed.Contains("url(", StringComparison.Ordinal) && !OnlyLocalUrls(squeezed) ? null : new XAttribute(name, value);
    }

    private static bool OnlyLocalUrls(string value)
    {
        var index = 0;
        while ((index = value.IndexOf("url(", index, StringComparison.Ordinal)) >= 0)
        {
            index += 4;
            if (index < value.Length && value[index] is '"' or '\'')
            {
                index++;
            }

            if (index >= value.Length || value[index] != '#')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    private static bool MentionsSvg(byte[] upload) =>
        upload.AsSpan(0, Math.Min(upload.Length, 4096)).IndexOf("<svg"u8) >= 0 || upload.AsSpan(0, Math.Min(upload.Length, 4096)).IndexOf("<!DOCTYPE svg"u8) >= 0;
}
