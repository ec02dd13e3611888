using System.Text.Json;
using Lms.Modules.Templates.Data;

namespace Lms.Modules.Templates.Liquid;

/// <summary>The parts each kind of template has, which of them are Liquid, and the rules a saved part must meet.</summary>
internal static class TemplateParts
{
    public const string Subject = "subject";
    public const string Body = "body";
    public const string Title = "title";
    public const string SignatoryName = "signatoryName";
    public const string SignatoryTitle = "signatoryTitle";
    /// <summary>A plain URL (e.g. <c>/media/{id}/{name}</c> from the media library), not Liquid.</summary>
    public const string SealImageUrl = "sealImageUrl";

    private static readonly string[] MailParts = [Subject, Body];
    private static readonly string[] CertificateParts = [Title, Body, SignatoryName, SignatoryTitle, SealImageUrl];
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<string> For(TemplateKind kind) => kind == TemplateKind.Mail ? MailParts : CertificateParts;

    public static bool IsRequired(string part) => part is Subject or Body or Title;

    public static bool IsLiquid(string part) => part != SealImageUrl;

    public static bool TryParseKind(string? value, out TemplateKind kind)
    {
        (var ok, kind) = value switch
        {
            "mail" => (true, TemplateKind.Mail),
            "certificate" => (true, TemplateKind.Certificate),
            _ => (false, TemplateKind.Mail),
        };
        return ok;
    }

    public static string ToApiValue(this TemplateKind kind) => kind == TemplateKind.Mail ? "mail" : "certificate";

    /// <summary>Exactly the kind's parts, in their order; a missing part is empty, an unknown one is dropped.</summary>
    public static Dictionary<string, string> Normalize(TemplateKind kind, IReadOnlyDictionary<string, string?>? parts) =>
        For(kind).ToDictionary(p => p, p => (parts is not null && parts.TryGetValue(p, out var v) ? v : null) ?? "", StringComparer.Ordinal);

    public static string Serialize(Dictionary<string, string> parts) => JsonSerializer.Serialize(parts, Json);

    public static Dictionary<string, string> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>Same texts (line endings aside: browsers post CRLF).</summary>
    public static bool SameAs(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && Text(v) == Text(p.Value));

    public static string Text(string value) => value.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>A path on this site (<c>/media/…</c>) or an http(s) URL; empty means no seal.</summary>
    public static bool IsValidImageUrl(string url) =>
        url.Length == 0 ||
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal) && !url.Any(char.IsWhiteSpace)) ||
        (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !url.Any(char.IsWhiteSpace));
}
