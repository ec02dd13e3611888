using System.Globalization;

namespace Lms.Framework.Web;

/// <summary>Japanese first, English second. The choice sticks in a cookie; the API follows Accept-Language.</summary>
public static class LmsCultures
{
    public static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo[] Supported = [Japanese, English];

    public static bool IsJapanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ja";
}
