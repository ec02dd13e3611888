namespace Lms.Modules.Reporting;

/// <summary>Marker for this module's strings (Resources/ReportingStrings.ja.resx). Keys are the English text.</summary>
public sealed class ReportingStrings;

/// <summary>A staff tier's key ("executive", "manager", "general") as the reports name it.</summary>
internal static class TierLabels
{
    public static string For(Microsoft.Extensions.Localization.IStringLocalizer localizer, string key) => key switch
    {
        "executive" => localizer["Executive"].Value,
        "manager" => localizer["Manager"].Value,
        "general" => localizer["General staff"].Value,
        _ => key,
    };
}
