using Lms.Modules.Gamification.Features.Progress;

namespace Lms.Tests.Gamification;

/// <summary>
/// Weekly streaks, pure: weeks Monday–Sunday, the current week still open, one repair per calendar month
/// (the month of the missed week's Monday). November 2026: Mondays are the 2nd, 9th, 16th, 23rd and 30th.
/// </summary>
public sealed class StreakTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static DateOnly D(int month, int day) => new(2026, month, day);

    /// <summary>A Wednesday in the week of each Monday given (the day inside the week must not matter).</summary>
    private static IEnumerable<DateOnly> Weeks(params (int Month, int Day)[] mondays) =>
        mondays.Select(m => D(m.Month, m.Day)).Select(monday =>
        {
            Assert.Equal(DayOfWeek.Monday, monday.DayOfWeek);
            return monday.AddDays(2);
        });

    [Fact]
    public void A_week_runs_from_Monday_to_Sunday()
    {
        Assert.Equal(D(11, 9), WeeklyStreak.WeekOf(D(11, 9)));
        Assert.Equal(D(11, 9), WeeklyStreak.WeekOf(D(11, 15)));
        Assert.Equal(D(11, 16), WeeklyStreak.WeekOf(D(11, 16)));
        Assert.Equal(D(10, 26), WeeklyStreak.WeekOf(D(11, 1)));
    }

    [Fact]
    public void Nobody_who_never_learned_has_a_streak_or_an_ended_one()
    {
        var s = WeeklyStreak.Compute([], D(11, 18));
        Assert.Equal((0, 0, false, false), (s.Current, s.Best, s.Ended, s.RepairUsedThisMonth));
    }

    [Fact]
    public void Consecutive_weeks_ending_this_week_make_the_run_and_several_days_in_a_week_count_once()
    {
        var s = WeeklyStreak.Compute([.. Weeks((11, 2), (11, 9), (11, 16)), D(11, 17), D(11, 3)], D(11, 18));
        Assert.Equal(3, s.Current);
        Assert.Equal(3, s.Best);
        Assert.True(s.ThisWeekCounted);
        Assert.False(s.RepairUsedThisMonth);
    }

    [Fact]
    public void Given_nothing_yet_this_week_When_last_week_counted_Then_the_open_week_does_not_break_the_run()
    {
        var s = WeeklyStreak.Compute(Weeks((11, 2), (11, 9)), D(11, 22)); // Sunday 22nd: the week of the 16th is still open
        Assert.Equal(2, s.Current);
        Assert.False(s.ThisWeekCounted);
        Assert.False(s.Ended);
        Assert.False(s.RepairUsedThisMonth);
        Assert.False(s.WaitingOnThisWeek);
    }

    [Fact]
    public void A_single_missed_week_inside_a_run_is_bridged_by_the_months_repair()
    {
        var s = WeeklyStreak.Compute(Weeks((11, 2), (11, 16)), D(11, 18));
        Assert.Equal(2, s.Current); // the weeks learned; the week off is bridged, not counted
        Assert.Equal(D(11, 9), s.RepairedWeekThisMonth);
        Assert.True(s.RepairKeepsRun);
        Assert.False(s.WaitingOnThisWeek);
    }

    [Fact]
    public void Given_the_months_repair_is_used_When_a_second_week_is_missed_that_month_Then_the_run_ends()
    {
        // Gaps on the 9th (repaired) and the 23rd (November's repair already spent).
        var s = WeeklyStreak.Compute(Weeks((11, 2), (11, 16), (11, 30)), D(11, 30));
        Assert.Equal(1, s.Current);
        Assert.Equal(2, s.Best);
        Assert.Equal(D(11, 9), s.RepairedWeekThisMonth); // used this month, though not what keeps today's run
        Assert.False(s.RepairKeepsRun);
    }

    [Fact]
    public void Gaps_in_different_months_are_each_repaired()
    {
        // October's gap (week of the 26th) and November's (the 9th).
        var s = WeeklyStreak.Compute(Weeks((10, 19), (11, 2), (11, 16)), D(11, 18));
        Assert.Equal(3, s.Current);
        Assert.Equal(D(11, 9), s.RepairedWeekThisMonth);
    }

    [Fact]
    public void A_week_that_straddles_two_months_belongs_to_the_month_of_its_Monday()
    {
        // October's repair goes to the 12th; the week of 26 October – 1 November is October's too, so it ends the run.
        var s = WeeklyStreak.Compute(Weeks((10, 5), (10, 19), (11, 2)), D(11, 4));
        Assert.Equal(1, s.Current);
        Assert.Equal(2, s.Best);
        Assert.Null(s.RepairedWeekThisMonth); // the repair used was October's, not this month's
    }

    [Fact]
    public void Two_missed_weeks_in_a_row_end_the_run_and_use_no_repair()
    {
        var s = WeeklyStreak.Compute(Weeks((10, 26), (11, 2), (11, 23)), D(11, 25));
        Assert.Equal(1, s.Current);
        Assert.Equal(2, s.Best);
        Assert.False(s.RepairUsedThisMonth);
    }

    [Fact]
    public void Given_last_week_was_missed_When_this_week_is_still_empty_Then_the_run_waits_on_this_week()
    {
        var waiting = WeeklyStreak.Compute(Weeks((11, 2), (11, 9)), D(11, 25));
        Assert.Equal(2, waiting.Current);
        Assert.True(waiting.WaitingOnThisWeek);
        Assert.Equal(D(11, 16), waiting.RepairedWeekThisMonth);

        var learned = WeeklyStreak.Compute([.. Weeks((11, 2), (11, 9)), D(11, 26)], D(11, 26));
        Assert.Equal(3, learned.Current);
        Assert.False(learned.WaitingOnThisWeek);

        var ended = WeeklyStreak.Compute(Weeks((11, 2), (11, 9)), D(12, 2));
        Assert.Equal(0, ended.Current);
        Assert.Equal(2, ended.Best);
        Assert.True(ended.Ended);
        Assert.False(ended.RepairUsedThisMonth);
    }

    [Fact]
    public void The_best_run_is_kept_after_a_shorter_new_one_starts()
    {
        var s = WeeklyStreak.Compute(Weeks((9, 7), (9, 14), (9, 21), (9, 28), (11, 16)), D(11, 18));
        Assert.Equal(1, s.Current);
        Assert.Equal(4, s.Best);
    }

    [Fact]
    public void Days_after_today_are_ignored()
    {
        var s = WeeklyStreak.Compute(Weeks((11, 9), (11, 30)), D(11, 11));
        Assert.Equal(1, s.Current);
        Assert.True(s.ThisWeekCounted);
    }

    [Fact]
    public void Sunday_2330_in_Tokyo_is_still_that_week_though_UTC_and_Tokyo_disagree_about_Monday_0030()
    {
        var sundayLate = new DateTimeOffset(2026, 11, 15, 23, 30, 0, TimeSpan.FromHours(9)); // 14:30 UTC Sunday
        var mondayEarly = new DateTimeOffset(2026, 11, 16, 0, 30, 0, TimeSpan.FromHours(9)); // 15:30 UTC Sunday

        // On Tokyo's clock, learning at 23:30 on Sunday belongs to the week of the 9th; at 00:30 on Monday the new week has begun.
        Assert.Equal(D(11, 15), WeeklyStreak.LocalDay(sundayLate, Tokyo));
        var tokyo = WeeklyStreak.Compute([sundayLate], mondayEarly, Tokyo);
        Assert.False(tokyo.ThisWeekCounted);
        Assert.Equal(1, tokyo.Current); // last week's, still going

        // A UTC clock would put both in the same week.
        var utc = WeeklyStreak.Compute([sundayLate], mondayEarly, TimeZoneInfo.Utc);
        Assert.True(utc.ThisWeekCounted);

        // Learning at 00:10 on Monday in Tokyo counts for the new week there, for the old one in UTC.
        var mondayJustAfter = new DateTimeOffset(2026, 11, 16, 0, 10, 0, TimeSpan.FromHours(9));
        Assert.True(WeeklyStreak.Compute([mondayJustAfter], mondayEarly, Tokyo).ThisWeekCounted);
        Assert.Equal(D(11, 9), WeeklyStreak.WeekOf(WeeklyStreak.LocalDay(mondayJustAfter, TimeZoneInfo.Utc)));
    }

    [Fact]
    public void Sunday_2330_in_Tokyo_counts_for_this_week_when_it_is_still_Sunday_in_Tokyo()
    {
        var sundayLate = new DateTimeOffset(2026, 11, 15, 23, 30, 0, TimeSpan.FromHours(9));
        var s = WeeklyStreak.Compute([sundayLate], sundayLate.AddMinutes(5), Tokyo);
        Assert.True(s.ThisWeekCounted);
        Assert.Equal(1, s.Current);
    }
}
