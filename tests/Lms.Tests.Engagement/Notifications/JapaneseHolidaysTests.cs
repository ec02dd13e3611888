using Lms.Modules.Notifications.Domain;

namespace Lms.Tests.Notifications;

/// <summary>The computed holidays against the Cabinet Office's published lists (内閣府「国民の祝日について」).</summary>
public sealed class JapaneseHolidaysTests
{
    private static List<(DateOnly Date, string Name)> Expected(int year, params (int Month, int Day, string Name)[] days) =>
        [.. days.Select(d => (new DateOnly(year, d.Month, d.Day), d.Name))];

    [Fact]
    public void The_year_2025_matches_the_official_list()
    {
        var expected = Expected(2025,
            (1, 1, "元日"), (1, 13, "成人の日"), (2, 11, "建国記念の日"), (2, 23, "天皇誕生日"), (2, 24, "振替休日"),
            (3, 20, "春分の日"), (4, 29, "昭和の日"), (5, 3, "憲法記念日"), (5, 4, "みどりの日"), (5, 5, "こどもの日"),
            (5, 6, "振替休日"), (7, 21, "海の日"), (8, 11, "山の日"), (9, 15, "敬老の日"), (9, 23, "秋分の日"),
            (10, 13, "スポーツの日"), (11, 3, "文化の日"), (11, 23, "勤労感謝の日"), (11, 24, "振替休日"));

        Assert.Equal(expected, JapaneseHolidays.InYear(2025));
        Assert.Equal(19, JapaneseHolidays.InYear(2025).Count);
    }

    [Fact]
    public void The_year_2026_matches_the_official_list()
    {
        var expected = Expected(2026,
            (1, 1, "元日"), (1, 12, "成人の日"), (2, 11, "建国記念の日"), (2, 23, "天皇誕生日"), (3, 20, "春分の日"),
            (4, 29, "昭和の日"), (5, 3, "憲法記念日"), (5, 4, "みどりの日"), (5, 5, "こどもの日"), (5, 6, "振替休日"),
            (7, 20, "海の日"), (8, 11, "山の日"), (9, 21, "敬老の日"), (9, 22, "国民の休日"), (9, 23, "秋分の日"),
            (10, 12, "スポーツの日"), (11, 3, "文化の日"), (11, 23, "勤労感謝の日"));

        Assert.Equal(expected, JapaneseHolidays.InYear(2026));
        Assert.Equal(18, JapaneseHolidays.InYear(2026).Count);
    }

    [Fact]
    public void The_year_2027_matches_the_official_list()
    {
        var expected = Expected(2027,
            (1, 1, "元日"), (1, 11, "成人の日"), (2, 11, "建国記念の日"), (2, 23, "天皇誕生日"), (3, 21, "春分の日"),
            (3, 22, "振替休日"), (4, 29, "昭和の日"), (5, 3, "憲法記念日"), (5, 4, "みどりの日"), (5, 5, "こどもの日"),
            (7, 19, "海の日"), (8, 11, "山の日"), (9, 20, "敬老の日"), (9, 23, "秋分の日"), (10, 11, "スポーツの日"),
            (11, 3, "文化の日"), (11, 23, "勤労感謝の日"));

        Assert.Equal(expected, JapaneseHolidays.InYear(2027));
        Assert.Equal(17, JapaneseHolidays.InYear(2027).Count);
    }

    [Fact]
    public void The_enthronement_year_2019_has_its_special_days_and_no_emperors_birthday()
    {
        var expected = Expected(2019,
            (1, 1, "元日"), (1, 14, "成人の日"), (2, 11, "建国記念の日"), (3, 21, "春分の日"), (4, 29, "昭和の日"),
            (4, 30, "国民の休日"), (5, 1, "天皇の即位の日"), (5, 2, "国民の休日"), (5, 3, "憲法記念日"), (5, 4, "みどりの日"),
            (5, 5, "こどもの日"), (5, 6, "振替休日"), (7, 15, "海の日"), (8, 11, "山の日"), (8, 12, "振替休日"),
            (9, 16, "敬老の日"), (9, 23, "秋分の日"), (10, 14, "体育の日"), (10, 22, "即位礼正殿の儀"), (11, 3, "文化の日"),
            (11, 4, "振替休日"), (11, 23, "勤労感謝の日"));

        Assert.Equal(expected, JapaneseHolidays.InYear(2019));
        Assert.DoesNotContain(JapaneseHolidays.InYear(2019), h => h.Name == "天皇誕生日");
    }

    [Fact]
    public void The_Olympic_year_2020_moves_three_days_into_July_and_August()
    {
        var expected = Expected(2020,
            (1, 1, "元日"), (1, 13, "成人の日"), (2, 11, "建国記念の日"), (2, 23, "天皇誕生日"), (2, 24, "振替休日"),
            (3, 20, "春分の日"), (4, 29, "昭和の日"), (5, 3, "憲法記念日"), (5, 4, "みどりの日"), (5, 5, "こどもの日"),
            (5, 6, "振替休日"), (7, 23, "海の日"), (7, 24, "スポーツの日"), (8, 10, "山の日"), (9, 21, "敬老の日"),
            (9, 22, "秋分の日"), (11, 3, "文化の日"), (11, 23, "勤労感謝の日"));

        Assert.Equal(expected, JapaneseHolidays.InYear(2020));
        Assert.Null(JapaneseHolidays.NameOf(new DateOnly(2020, 7, 20)));
        Assert.Null(JapaneseHolidays.NameOf(new DateOnly(2020, 8, 11)));
        Assert.Null(JapaneseHolidays.NameOf(new DateOnly(2020, 10, 12)));
    }

    [Fact]
    public void The_postponed_Olympic_year_2021_moves_them_again_with_a_substitute_for_a_Sunday_mountain_day()
    {
        var expected = Expected(2021,
            (1, 1, "元日"), (1, 11, "成人の日"), (2, 11, "建国記念の日"), (2, 23, "天皇誕生日"), (3, 20, "春分の日"),
            (4, 29, "昭和の日"), (5, 3, "憲法記念日"), (5, 4, "みどりの日"), (5, 5, "こどもの日"), (7, 22, "海の日"),
            (7, 23, "スポーツの日"), (8, 8, "山の日"), (8, 9, "振替休日"), (9, 20, "敬老の日"), (9, 23, "秋分の日"),
            (11, 3, "文化の日"), (11, 23, "勤労感謝の日"));

        Assert.Equal(expected, JapaneseHolidays.InYear(2021));
        Assert.Null(JapaneseHolidays.NameOf(new DateOnly(2021, 10, 11)));
    }

    [Theory]
    [InlineData(2000, 4, 29, "みどりの日")]
    [InlineData(2006, 5, 4, "国民の休日")]
    [InlineData(2002, 7, 20, "海の日")]
    [InlineData(2002, 9, 15, "敬老の日")]
    [InlineData(2003, 7, 21, "海の日")]
    [InlineData(2003, 9, 15, "敬老の日")]
    [InlineData(2007, 4, 29, "昭和の日")]
    [InlineData(2007, 5, 4, "みどりの日")]
    [InlineData(2008, 5, 6, "振替休日")]
    [InlineData(2009, 9, 22, "国民の休日")]
    [InlineData(2015, 9, 22, "国民の休日")]
    [InlineData(2016, 8, 11, "山の日")]
    [InlineData(2018, 12, 23, "天皇誕生日")]
    [InlineData(2018, 12, 24, "振替休日")]
    [InlineData(2019, 10, 14, "体育の日")]
    [InlineData(2023, 1, 2, "振替休日")]
    [InlineData(2012, 9, 22, "秋分の日")]
    [InlineData(2023, 3, 21, "春分の日")]
    [InlineData(2024, 3, 20, "春分の日")]
    [InlineData(2024, 9, 22, "秋分の日")]
    [InlineData(2024, 9, 23, "振替休日")]
    public void Days_of_the_rules_history_have_their_names(int year, int month, int day, string name)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(name, JapaneseHolidays.NameOf(date));
        Assert.True(JapaneseHolidays.IsHoliday(date));
    }

    [Theory]
    [InlineData(2003, 5, 4)] // a Sunday between two holidays was not a 国民の休日 before 2007
    [InlineData(2015, 8, 11)] // before the mountain day
    [InlineData(2019, 12, 23)] // no emperor's birthday in 2019
    [InlineData(2019, 2, 23)]
    [InlineData(2026, 9, 24)]
    [InlineData(2026, 12, 29)] // the year-end closure is not a national holiday
    [InlineData(2027, 1, 2)]
    public void Ordinary_days_are_not_holidays(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Assert.Null(JapaneseHolidays.NameOf(date));
        Assert.False(JapaneseHolidays.IsHoliday(date));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2100)]
    [InlineData(1)]
    public void Years_outside_2000_to_2099_are_not_guessed(int year)
    {
        Assert.Empty(JapaneseHolidays.InYear(year));
        Assert.False(JapaneseHolidays.IsHoliday(new DateOnly(year, 1, 1)));
        Assert.Null(JapaneseHolidays.NameOf(new DateOnly(year, 1, 1)));
    }

    [Fact]
    public void Every_supported_year_is_sorted_sane_and_cached()
    {
        for (var year = JapaneseHolidays.FirstYear; year <= JapaneseHolidays.LastYear; year++)
        {
            var days = JapaneseHolidays.InYear(year);

            Assert.Same(days, JapaneseHolidays.InYear(year));
            Assert.InRange(days.Count, 15, 22);
            Assert.All(days, h => Assert.Equal(year, h.Date.Year));
            Assert.Equal(days.Select(h => h.Date).Order(), days.Select(h => h.Date));
            Assert.Equal(days.Count, days.Select(h => h.Date).Distinct().Count());
            Assert.Equal(new[] { 3, 9 }, days.Where(h => h.Name is "春分の日" or "秋分の日").Select(h => h.Date.Month));
            Assert.Single(days, h => h.Name == "春分の日" && h.Date.Day is >= 19 and <= 21);
            Assert.Single(days, h => h.Name == "秋分の日" && h.Date.Day is >= 22 and <= 23);
            Assert.All(days.Where(h => h.Name == JapaneseHolidays.Sandwiched), h => Assert.NotEqual(DayOfWeek.Sunday, h.Date.DayOfWeek));
            Assert.All(days.Where(h => h.Name == JapaneseHolidays.Substitute), h =>
            {
                // Walking back over days off reaches a holiday on a Sunday.
                var day = h.Date.AddDays(-1);
                while (day.DayOfWeek != DayOfWeek.Sunday && JapaneseHolidays.IsHoliday(day))
                {
                    day = day.AddDays(-1);
                }

                Assert.Equal(DayOfWeek.Sunday, day.DayOfWeek);
                Assert.True(JapaneseHolidays.IsHoliday(day));
            });
        }
    }

    [Fact]
    public void Concurrent_first_lookups_agree()
    {
        var results = new IReadOnlyList<(DateOnly Date, string Name)>[16];

        Parallel.For(0, results.Length, i => results[i] = JapaneseHolidays.InYear(2042));

        Assert.All(results, r => Assert.Equal(results[0], r));
        Assert.Same(JapaneseHolidays.InYear(2042), JapaneseHolidays.InYear(2042));
    }
}
