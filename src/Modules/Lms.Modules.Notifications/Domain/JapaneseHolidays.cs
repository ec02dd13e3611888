using System.Collections.Concurrent;

namespace Lms.Modules.Notifications.Domain;

/// <summary>
/// Japanese public holidays (国民の祝日に関する法律) for 2000–2099, computed from the rules rather than read from a
/// downloaded table: fixed dates, Happy Monday days, the equinoxes by the usual approximation, substitute holidays
/// (振替休日), days sandwiched between two holidays (国民の休日) and the one-off changes of 2019, 2020 and 2021.
/// Outside 2000–2099 nothing is guessed: no day is a holiday there.
/// </summary>
/// <remarks>
/// The equinox days are only fixed each February for the following year (官報, 暦要項); the approximation is the
/// customary forecast for 1980–2099 and matches the announced days checked in the tests.
/// </remarks>
internal static class JapaneseHolidays
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    public const string Substitute = "振替休日";
    public const string Sandwiched = "国民の休日";

    private static readonly ConcurrentDictionary<int, YearHolidays> Cache = new();

    /// <summary>True when <paramref name="date"/> is a public holiday (Sundays that are not holidays are not).</summary>
    public static bool IsHoliday(DateOnly date) => NameOf(date) is not null;

    /// <summary>The Japanese name of the holiday on <paramref name="date"/>, or null on an ordinary day.</summary>
    public static string? NameOf(DateOnly date) =>
        For(date.Year) is { } year && year.ByDate.TryGetValue(date, out var name) ? name : null;

    /// <summary>The year's holidays in date order; empty outside 2000–2099.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> InYear(int year) => For(year)?.Sorted ?? [];

    private static YearHolidays? For(int year) =>
        year is < FirstYear or > LastYear ? null : Cache.GetOrAdd(year, static y => Compute(y));

    private static YearHolidays Compute(int year)
    {
        // The days named by article 2 of the law (and the 2019 days the enthronement act treats the same way).
        var national = new Dictionary<DateOnly, string>();
        void Add(int month, int day, string name) => national[new DateOnly(year, month, day)] = name;
        void AddMonday(int month, int nth, string name) => national[NthMonday(year, month, nth)] = name;

        Add(1, 1, "元日");
        AddMonday(1, 2, "成人の日");
        Add(2, 11, "建国記念の日");
        if (year >= 2020)
        {
            Add(2, 23, "天皇誕生日");
        }

        Add(3, VernalEquinoxDay(year), "春分の日");
        Add(4, 29, year >= 2007 ? "昭和の日" : "みどりの日");
        Add(5, 3, "憲法記念日");
        if (year >= 2007)
        {
            Add(5, 4, "みどりの日");
        }

        Add(5, 5, "こどもの日");

        switch (year)
        {
            case 2020:
                Add(7, 23, "海の日");
                Add(7, 24, "スポーツの日");
                Add(8, 10, "山の日");
                break;
            case 2021:
                Add(7, 22, "海の日");
                Add(7, 23, "スポーツの日");
                Add(8, 8, "山の日");
                break;
            default:
                if (year >= 2003)
                {
                    AddMonday(7, 3, "海の日");
                }
                else
                {
                    Add(7, 20, "海の日");
                }

                if (year >= 2016)
                {
                    Add(8, 11, "山の日");
                }

                AddMonday(10, 2, year >= 2020 ? "スポーツの日" : "体育の日");
                break;
        }

        if (year >= 2003)
        {
            AddMonday(9, 3, "敬老の日");
        }
        else
        {
            Add(9, 15, "敬老の日");
        }

        Add(9, AutumnalEquinoxDay(year), "秋分の日");
        Add(11, 3, "文化の日");
        Add(11, 23, "勤労感謝の日");
        if (year <= 2018)
        {
            Add(12, 23, "天皇誕生日");
        }

        if (year == 2019)
        {
            Add(5, 1, "天皇の即位の日");
            Add(10, 22, "即位礼正殿の儀");
        }

        var all = new Dictionary<DateOnly, string>(national);

        // Article 3(2): a holiday on a Sunday gives the next day off. Since 2007 that is the nearest following day
        // that is not itself a holiday (so a Sunday 5/3 or 5/4 moves the day off to 5/6); before, only the Monday.
        foreach (var sunday in national.Keys.Where(d => d.DayOfWeek == DayOfWeek.Sunday).Order())
        {
            var next = sunday.AddDays(1);
            if (year >= 2007)
            {
                while (national.ContainsKey(next))
                {
                    next = next.AddDays(1);
                }
            }

            if (!all.ContainsKey(next) && next.Year == year)
            {
                all[next] = Substitute;
            }
        }

        // Article 3(3): a day whose previous and next days are both national holidays is a day off too.
        // Before 2007 the law left out Sundays (and days already off as substitutes).
        for (var day = new DateOnly(year, 1, 2); day < new DateOnly(year, 12, 31); day = day.AddDays(1))
        {
            if (!all.ContainsKey(day)
                && national.ContainsKey(day.AddDays(-1))
                && national.ContainsKey(day.AddDays(1))
                && (year >= 2007 || day.DayOfWeek != DayOfWeek.Sunday))
            {
                all[day] = Sandwiched;
            }
        }

        var sorted = all.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)).ToArray();
        return new YearHolidays(all, sorted);
    }

    private static DateOnly NthMonday(int year, int month, int nth)
    {
        var first = new DateOnly(year, month, 1);
        var toMonday = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toMonday + (7 * (nth - 1)));
    }

    // The customary approximation for 1980–2099: a mean day that drifts by 0.242194 days a year, pulled back one day
    // every leap year.
    private static int VernalEquinoxDay(int year) => EquinoxDay(year, 20.8431);

    private static int AutumnalEquinoxDay(int year) => EquinoxDay(year, 23.2488);

    private static int EquinoxDay(int year, double day1980)
    {
        var since = year - 1980;
        return (int)Math.Floor(day1980 + (0.242194 * since) - Math.Floor(since / 4.0));
    }

    private sealed record YearHolidays(IReadOnlyDictionary<DateOnly, string> ByDate, IReadOnlyList<(DateOnly Date, string Name)> Sorted);
}
