using MediatR;

namespace Lms.Contracts.Templates;

/// <summary>
/// Renders the admin-edited template <paramref name="Key"/> (e.g. <c>mail/due-soon</c>) in <paramref name="Culture"/>
/// (<c>ja</c>, <c>en</c>, or a specific culture such as <c>en-US</c>; a culture without a variant falls back to <c>ja</c>).
/// The model holds dictionaries (<see cref="IReadOnlyDictionary{TKey, TValue}"/> of string keys), lists, strings,
/// numbers, booleans, <see cref="DateOnly"/> and <see cref="DateTimeOffset"/> (shown in the site's time zone).
/// Throws <see cref="TemplateNotFoundException"/> for an unknown key and <see cref="TemplateRenderException"/>
/// when the template fails while rendering (e.g. it ran past the step limit).
/// </summary>
public sealed record RenderTemplate(string Key, string Culture, IReadOnlyDictionary<string, object?> Model) : IRequest<RenderedTemplate>;

/// <summary>
/// Every part of the template rendered as plain text (nothing is HTML-encoded: mails are text and the
/// certificate goes to a PDF). Mail parts: <c>subject</c>, <c>body</c>. Certificate parts: <c>title</c>,
/// <c>body</c>, <c>signatoryName</c>, <c>signatoryTitle</c>, <c>sealImageUrl</c> (a URL, empty when none).
/// </summary>
/// <param name="Culture">The variant actually used (<c>ja</c> after a fallback).</param>
/// <param name="Revision">The template's revision that was rendered (for logs and traceability).</param>
public sealed record RenderedTemplate(string Key, string Culture, int Revision, IReadOnlyDictionary<string, string> Parts)
{
    /// <summary>The rendered part, or an empty string when the template has no such part.</summary>
    public string this[string part] => Parts.TryGetValue(part, out var text) ? text : "";
}

/// <summary>Keys of the templates every site has (installed by the setup recipe).</summary>
public static class TemplateKeys
{
    public const string MailDueSoon = "mail/due-soon";
    public const string MailOverdue = "mail/overdue";
    public const string MailInactive = "mail/inactive";
    public const string MailSessionTomorrow = "mail/session-tomorrow";
    public const string MailWaitlistSeat = "mail/waitlist-seat";
    public const string MailManagerDigest = "mail/manager-digest";
    public const string MailSessionCancelled = "mail/session-cancelled";
    public const string MailNudge = "mail/nudge";
    public const string CertificateCourse = "certificate/course";
    public const string CertificateProgramme = "certificate/programme";
}

/// <summary>The parts of a certificate template, as <see cref="RenderedTemplate.Parts"/> names them.</summary>
public static class CertificateTemplateParts
{
    public const string Title = "title";
    public const string Body = "body";
    public const string SignatoryName = "signatoryName";
    public const string SignatoryTitle = "signatoryTitle";
    public const string SealImageUrl = "sealImageUrl";
}

public sealed class TemplateNotFoundException(string key)
    : Exception($"There is no template '{key}'. Templates are installed by the \"templates\" recipe step.")
{
    public string Key { get; } = key;
}

public sealed class TemplateRenderException(string key, string culture, string part, string reason, Exception? inner = null)
    : Exception($"Template '{key}' ({culture}), part '{part}': {reason}", inner)
{
    public string Key { get; } = key;
    public string Culture { get; } = culture;
    public string Part { get; } = part;
    public string Reason { get; } = reason;
}
