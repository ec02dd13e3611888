namespace Lms.Modules.Notifications.Domain;

/// <summary>
/// When e-mail may be sent to someone; their quiet hours are everything outside. All times are the site's local
/// wall-clock time. <see cref="Start"/> is inclusive and <see cref="End"/> exclusive, except that an end of
/// <see cref="TimeOnly.MaxValue"/> means "to the end of the day" and so includes the day's last tick.
/// </summary>
/// <param name="Start">First moment of the daily window.</param>
/// <param name="End">Moment the daily window closes.</param>
/// <param name="WeekdaysOnly">Saturdays and Sundays are quiet.</param>
/// <param name="SkipHolidays">Japanese public holidays (<see cref="JapaneseHolidays"/>) are quiet.</param>
/// <param name="SkipYearEndClosure">The city hall's year-end closure, 12/29 to 1/3 (年末年始の閉庁日), is quiet.</param>
internal sealed record WorkingHours(TimeOnly Start, TimeOnly End, bool WeekdaysOnly, bool SkipHolidays, bool SkipYearEndClosure)
{
    public const string StartNotBeforeEnd = "The start of working hours must be before its end.";

    /// <summary>Far enough to cross any run of holidays and closures, with room to spare over a whole year.</summary>
    private const int MaxDaysAhead = 400;

    /// <summary>A city hall's office hours: 08:30–17:15 on working days.</summary>
    public static WorkingHours Default { get; } = new(new TimeOnly(8, 30), new TimeOnly(17, 15), true, true, true);

    /// <summary>No quiet hours: every moment of every day.</summary>
    public static WorkingHours AllDay { get; } = new(TimeOnly.MinValue, TimeOnly.MaxValue, false, false, false);

    /// <summary>The English error key (translated by the module's strings) when the window is empty, else null.</summary>
    public static string? Validate(TimeOnly start, TimeOnly end) => start < end ? null : StartNotBeforeEnd;

    /// <summary>True when mail may go out at the local time <paramref name="local"/>.</summary>
    public bool Allows(DateTime local) => IsWorkingDay(DateOnly.FromDateTime(local)) && InWindow(TimeOnly.FromDateTime(local));

    /// <summary>True when the day has a window at all (not skipped as a weekend, holiday or closure day).</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (WeekdaysOnly && date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        if (SkipHolidays && JapaneseHolidays.IsHoliday(date))
        {
            return false;
        }

        return !(SkipYearEndClosure && IsYearEndClosure(date));
    }

    /// <summary>
    /// <paramref name="local"/> itself when it is allowed, otherwise the start of the next window (same
    /// <see cref="DateTime.Kind"/>). Throws <see cref="InvalidOperationException"/> when no window can be found.
    /// </summary>
    public DateTime NextAllowed(DateTime local)
    {
        if (Validate(Start, End) is { } error)
        {
            throw new InvalidOperationException(error);
        }

        if (Allows(local))
        {
            return local;
        }

        var date = DateOnly.FromDateTime(local);
        if (IsWorkingDay(date) && TimeOnly.FromDateTime(local) < Start)
        {
            return date.ToDateTime(Start, local.Kind);
        }

        for (var i = 0; i < MaxDaysAhead && date < DateOnly.MaxValue; i++)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                return date.ToDateTime(Start, local.Kind);
            }
        }

        throw new InvalidOperationException($"No working day within {MaxDaysAhead} days after {local:yyyy-MM-dd}.");
    }

    /// <summary>12/29 to 1/3, when city halls are closed (行政機関の休日に関する法律).</summary>
    public static bool IsYearEndClosure(DateOnly date) =>
        (date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3);

    private bool InWindow(TimeOnly time) => time >= Start && (time < End || End == TimeOnly.MaxValue);
}
