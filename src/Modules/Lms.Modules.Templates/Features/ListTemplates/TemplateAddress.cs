using Lms.Modules.Templates.Liquid;

namespace Lms.Modules.Templates.Features.ListTemplates;

/// <summary>
/// A template's address in URLs: its key as it is (keys contain '/') followed by the culture as the last segment:
/// <c>/admin/templates/mail/due-soon/ja</c> and <c>/api/v1/admin/templates/mail/due-soon/ja</c>.
/// </summary>
internal static class TemplateAddress
{
    public const string AdminRoot = "/admin/templates";

    public static string Of(string key, string culture) => key + "/" + culture;

    public static string AdminUrl(string key, string culture) => AdminRoot + "/" + Of(key, culture);

    public static bool TryParse(string? path, out string key, out string culture)
    {
        var trimmed = (path ?? "").Trim('/');
        var slash = trimmed.LastIndexOf('/');
        (key, culture) = slash > 0 ? (trimmed[..slash], trimmed[(slash + 1)..]) : ("", "");
        return key.Length > 0 && TemplateCultures.All.Contains(culture);
    }
}
