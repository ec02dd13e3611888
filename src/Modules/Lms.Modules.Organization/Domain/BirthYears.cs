using System.Text;
using System.Text.RegularExpressions;

namespace Lms.Modules.Organization.Domain;

internal enum BirthYearProblem
{
    None,
    NotAYear,
    OutOfRange,
}

/// <summary>
/// A person's year of birth as the roster and the staff screen take it: optional, the year only (what forming teams
/// of mixed ages needs, and no more personal data than that), written in the Western calendar.
/// </summary>
internal static partial class BirthYears
{
    public const int Earliest = 1940;

    /// <summary>Nobody on the staff is younger than this; the bound is rough, so the day the year turns does not matter.</summary>
    public const int YoungestAge = 15;

    public static int Latest(TimeProvider clock) => clock.GetUtcNow().Year - YoungestAge;

    /// <summary>
    /// Reads "1985", "１９８５", "1985年" or "西暦1985年" (spaces around are fine); blank is no year and no problem.
    /// Japanese-era years (昭和60年) are not converted: a wrong era would give a wrong age without anyone noticing.
    /// </summary>
    public static BirthYearProblem Check(string? value, int latest, out int? year)
    {
        year = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return BirthYearProblem.None;
        }

        var match = YearPattern().Match(Nfkc(value).Trim());
        if (!match.Success)
        {
            return BirthYearProblem.NotAYear;
        }

        var parsed = int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        if (parsed < Earliest || parsed > latest)
        {
            return BirthYearProblem.OutOfRange;
        }

        year = parsed;
        return BirthYearProblem.None;
    }

    private static string Nfkc(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return value; // a lone surrogate: not a year anyway
        }
    }

    [GeneratedRegex(@"^(?:西暦\s*)?([0-9]{4})(?:\s*年)?$")]
    private static partial Regex YearPattern();
}
