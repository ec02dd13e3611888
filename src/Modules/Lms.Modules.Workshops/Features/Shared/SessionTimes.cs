using System.Globalization;
using Lms.Framework.Settings;

namespace Lms.Modules.Workshops.Features.Shared;

/// <summary>A session's date and hours as people write them: 12月3日(木) 13:30〜15:00, or Thu 3 Dec 13:30–15:00.</summary>
public static class SessionTimes
{
    private static bool Japanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";

    public static string Day(this SiteTime time, DateTimeOffset at, bool withYear = false)
    {
        ArgumentNullException.ThrowIfNull(time);
        var local = time.Local(at);
        var culture = Japanese ? CultureInfo.GetCultureInfo("ja-JP") : CultureInfo.GetCultureInfo("en-GB");
        return Japanese
            ? local.ToString(withYear ? "yyyy年M月d日(ddd)" : "M月d日(ddd)", culture)
            : local.ToString(withYear ? "ddd d MMM yyyy" : "ddd d MMM", culture);
    }

    public static string Span(this SiteTime time, DateTimeOffset start, DateTimeOffset end, bool withYear = false)
    {
        ArgumentNullException.ThrowIfNull(time);
        var from = time.Local(start);
        var to = time.Local(end);
        var hours = $"{from:HH:mm}{(Japanese ? "〜" : "–")}{to:HH:mm}";
        return from.Date == to.Date ? $"{time.Day(start, withYear)} {hours}" : $"{time.Day(start, withYear)} {from:HH:mm} {(Japanese ? "〜" : "–")} {time.Day(end, withYear)} {to:HH:mm}";
    }

    public static string Moment(this SiteTime time, DateTimeOffset at, bool withYear = false)
    {
        ArgumentNullException.ThrowIfNull(time);
        return $"{time.Day(at, withYear)} {time.Local(at):HH:mm}";
    }
}
