using Lms.Modules.Templates.Liquid;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Templates.Features.EditTemplate;

/// <summary>Problems in the admin's language: 「件名: 3 行 5 列で構文エラー: …」.</summary>
internal static class ErrorText
{
    public static string PartLabel(IStringLocalizer T, string part) => part switch
    {
        TemplateParts.Subject => T["Subject"],
        TemplateParts.Body => T["Body"],
        TemplateParts.Title => T["Title"],
        TemplateParts.SignatoryName => T["Signatory name"],
        TemplateParts.SignatoryTitle => T["Signatory title"],
        TemplateParts.SealImageUrl => T["Seal image URL"],
        _ => part,
    };

    public static string Describe(IStringLocalizer T, LiquidError error)
    {
        var part = PartLabel(T, error.Part);
        return error.Kind switch
        {
            LiquidErrorKind.Required => T["{0}: this part is required.", part],
            LiquidErrorKind.InvalidUrl => T["{0}: enter a path on this site (such as /media/…) or an address starting with http:// or https://.", part],
            LiquidErrorKind.UnknownFilter => T["{0}: unknown filter '{3}' at line {1}, column {2}.", part, error.Line, error.Column, error.Message],
            _ => T["{0}: syntax error at line {1}, column {2}: {3}", part, error.Line, error.Column, error.Message],
        };
    }

    public static string Render(IStringLocalizer T, LiquidRenderException error) =>
        T["{0}: the template stopped while rendering: {1}", PartLabel(T, error.Part ?? ""), error.Message];

    public static string Conflict(IStringLocalizer T, string? by) =>
        T["Someone else ({0}) saved this template after you opened it. Nothing was saved: reload the page to see their version, then make your change again.", by ?? "?"];
}
