namespace Lms.Modules.Gamification.Features.Progress;

/// <summary>Where a person's weekly learning streak stands on a given day.</summary>
/// <param name="Current">Weeks with learning in the run still going (0: none is going).</param>
/// <param name="Best">The longest run ever, the current one included.</param>
/// <param name="ThisWeekCounted">Something was learned this week already.</param>
/// <param name="RepairedWeekThisMonth">The Monday of the missed week this month's repair bridged, if it was used.</param>
/// <param name="WaitingOnThisWeek">
/// Last week was missed and bridged on trust: learning this week keeps the run; a second empty week ends it.
/// </param>
/// <param name="RunStartedOn">The Monday of the first week of the current run (null when none is going).</param>
internal sealed record StreakStatus(int Current, int Best, bool ThisWeekCounted, DateOnly? RepairedWeekThisMonth, bool WaitingOnThisWeek, DateOnly? RunStartedOn = null)
{
    public static readonly StreakStatus None = new(0, 0, false, null, false);

    public bool RepairUsedThisMonth => RepairedWeekThisMonth is not null;

    /// <summary>This month's repair is what keeps the current run going (worth explaining on the page).</summary>
    public bool RepairKeepsRun => Current > 0 && RepairedWeekThisMonth > RunStartedOn;

    /// <summary>There was a run once and none is going now (the page invites a fresh start; nothing is "lost").</summary>
    public bool Ended => Current == 0 && Best > 0;
}

/// <summary>
/// Weekly learning streaks on the site's clock. Weeks run Monday to Sunday; a week counts when the person
/// earned any ledger line in it (a line the daily cap cut to 0 points counts too: the learning happened).
/// The current week is still open, so an empty current week never breaks a run. Grace: one repair per
/// calendar month: a single missed week inside a run is bridged if the month of that week (of its Monday)
/// has no repair used yet. Two missed weeks in a row end the run. Pure: the caller supplies the days.
/// </summary>
internal static class WeeklyStreak
{
    /// <summary>The Monday of the week the day falls in.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The day a moment falls on in a time zone (the site's, not the server's).</summary>
    public static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The streak from moments of learning, seen on the clock of <paramref name="zone"/>.</summary>
    public static StreakStatus Compute(IEnumerable<DateTimeOffset> learnedAt, DateTimeOffset now, TimeZoneInfo zone) =>
        Compute(learnedAt.Select(at => LocalDay(at, zone)), LocalDay(now, zone));

    /// <summary>The streak from the local days something was learned, on <paramref name="today"/>.</summary>
    public static StreakStatus Compute(IEnumerable<DateOnly> learnedOn, DateOnly today)
    {
        var thisWeek = WeekOf(today);
        var counted = learnedOn.Select(WeekOf).Where(w => w <= thisWeek).ToHashSet();
        if (counted.Count == 0)
        {
            return StreakStatus.None;
        }

        var monthsRepaired = new HashSet<(int Year, int Month)>();
        DateOnly? repairedThisMonth = null;
        var waiting = false;
        var run = 0;
        var best = 0;
        var runStart = thisWeek;
        for (var week = counted.Min(); week <= thisWeek; week = week.AddDays(7))
        {
            if (counted.Contains(week))
            {
                runStart = run == 0 ? week : runStart;
                best = Math.Max(best, ++run);
                continue;
            }

            if (week == thisWeek)
            {
                break; // still open
            }

            var next = week.AddDays(7);
            // A gap is single when the week after it has learning, or is this (open) week: bridged on trust.
            if (run > 0 && (counted.Contains(next) || next == thisWeek) && monthsRepaired.Add((week.Year, week.Month)))
            {
                if (week.Year == today.Year && week.Month == today.Month)
                {
                    repairedThisMonth = week;
                }

                waiting = next == thisWeek && !counted.Contains(thisWeek);
                continue;
            }

            run = 0;
        }

        return new StreakStatus(run, best, counted.Contains(thisWeek), repairedThisMonth, waiting && run > 0, run > 0 ? runStart : null);
    }
}
