using Lms.Modules.Notifications.Domain;

namespace Lms.Tests.Notifications;

/// <summary>When mail may go out: the city hall's office hours by default, on the site's local clock.</summary>
public sealed class WorkingHoursTests
{
    private static readonly WorkingHours Office = WorkingHours.Default;

    private static DateTime At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);

    [Fact]
    public void The_default_is_the_city_halls_office_hours()
    {
        Assert.Equal(new WorkingHours(new TimeOnly(8, 30), new TimeOnly(17, 15), true, true, true), WorkingHours.Default);
    }

    [Theory]
    [InlineData(8, 29, false)]
    [InlineData(8, 30, true)]
    [InlineData(12, 0, true)]
    [InlineData(17, 14, true)]
    [InlineData(17, 15, false)]
    [InlineData(0, 0, false)]
    [InlineData(23, 59, false)]
    public void The_start_is_inclusive_and_the_end_exclusive(int hour, int minute, bool allowed)
    {
        var friday = At(2026, 6, 5, hour, minute);
        Assert.Equal(DayOfWeek.Friday, friday.DayOfWeek);

        Assert.Equal(allowed, Office.Allows(friday));
    }

    [Fact]
    public void The_last_tick_before_the_end_is_allowed()
    {
        Assert.True(Office.Allows(new DateTime(2026, 6, 5, 17, 14, 59, 999).AddTicks(9999)));
        Assert.False(Office.Allows(new DateTime(2026, 6, 5, 8, 29, 59, 999).AddTicks(9999)));
    }

    [Theory]
    [InlineData(2026, 6, 6)] // Saturday
    [InlineData(2026, 6, 7)] // Sunday
    [InlineData(2026, 5, 6)] // 振替休日
    [InlineData(2026, 9, 22)] // 国民の休日
    [InlineData(2026, 12, 29)] // year-end closure
    [InlineData(2026, 12, 31)]
    [InlineData(2027, 1, 1)]
    [InlineData(2027, 1, 3)]
    public void Weekends_holidays_and_the_year_end_closure_are_quiet_all_day(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Assert.False(Office.IsWorkingDay(date));
        Assert.False(Office.Allows(date.ToDateTime(new TimeOnly(10, 0))));
    }

    [Theory]
    [InlineData(2026, 6, 5)]
    [InlineData(2026, 12, 28)] // last day before the closure
    [InlineData(2027, 1, 4)] // first day after it
    [InlineData(2026, 9, 24)]
    public void Ordinary_weekdays_are_working_days(int year, int month, int day)
    {
        Assert.True(Office.IsWorkingDay(new DateOnly(year, month, day)));
    }

    [Fact]
    public void An_allowed_moment_is_its_own_next_allowed_moment_and_keeps_its_kind()
    {
        var local = new DateTime(2026, 6, 5, 10, 11, 12, DateTimeKind.Local);

        Assert.Equal(local, Office.NextAllowed(local));
        Assert.Equal(DateTimeKind.Local, Office.NextAllowed(DateTime.SpecifyKind(At(2026, 6, 5, 18, 0), DateTimeKind.Local)).Kind);
    }

    [Fact]
    public void Early_on_a_working_day_waits_for_the_same_mornings_start()
    {
        Assert.Equal(At(2026, 6, 5, 8, 30), Office.NextAllowed(At(2026, 6, 5, 6, 0)));
        Assert.Equal(At(2026, 6, 5, 8, 30), Office.NextAllowed(At(2026, 6, 5, 0, 0)));
    }

    [Fact]
    public void Friday_at_the_close_waits_for_Monday_morning()
    {
        Assert.Equal(At(2026, 6, 8, 8, 30), Office.NextAllowed(At(2026, 6, 5, 17, 15)));
        Assert.Equal(At(2026, 6, 8, 8, 30), Office.NextAllowed(At(2026, 6, 6, 9, 0)));
    }

    [Fact]
    public void A_Friday_before_a_Monday_holiday_waits_for_Tuesday()
    {
        var friday = At(2026, 7, 17, 18, 0);
        Assert.Equal(DayOfWeek.Friday, friday.DayOfWeek);
        Assert.Equal("海の日", JapaneseHolidays.NameOf(new DateOnly(2026, 7, 20)));

        Assert.Equal(At(2026, 7, 21, 8, 30), Office.NextAllowed(friday));
    }

    [Fact]
    public void The_long_holidays_of_May_and_September_2026_are_skipped()
    {
        Assert.Equal(At(2026, 5, 7, 8, 30), Office.NextAllowed(At(2026, 5, 1, 17, 30)));
        Assert.Equal(At(2026, 9, 24, 8, 30), Office.NextAllowed(At(2026, 9, 18, 20, 0)));
    }

    [Theory]
    [InlineData(2026, 2027, 4)] // 2027-01-04 is a Monday
    [InlineData(2025, 2026, 5)] // 2026-01-04 is a Sunday
    [InlineData(2019, 2020, 6)] // 2020-01-04 is a Saturday
    public void The_evening_of_12_28_waits_for_the_first_working_day_after_the_closure(int year, int nextYear, int day)
    {
        Assert.Equal(At(nextYear, 1, day, 8, 30), Office.NextAllowed(At(year, 12, 28, 19, 0)));
    }

    [Fact]
    public void Skipping_nothing_allows_weekends_holidays_and_the_closure()
    {
        var anyDay = Office with { WeekdaysOnly = false, SkipHolidays = false, SkipYearEndClosure = false };

        Assert.True(anyDay.Allows(At(2027, 1, 1, 9, 0)));
        Assert.Equal(At(2026, 6, 6, 8, 30), anyDay.NextAllowed(At(2026, 6, 5, 17, 15)));
    }

    [Fact]
    public void All_day_allows_any_moment()
    {
        var all = WorkingHours.AllDay;

        Assert.True(all.Allows(At(2027, 1, 1, 0, 0)));
        Assert.True(all.Allows(At(2026, 6, 6, 3, 0)));
        Assert.True(all.Allows(new DateOnly(2026, 5, 5).ToDateTime(TimeOnly.MaxValue)));
        Assert.True(all.Allows(DateTime.MinValue));
        Assert.True(all.Allows(DateTime.MaxValue));
        Assert.Equal(DateTime.MaxValue, all.NextAllowed(DateTime.MaxValue));
        Assert.Equal(At(2026, 12, 31, 23, 59), all.NextAllowed(At(2026, 12, 31, 23, 59)));
    }

    [Fact]
    public void An_end_of_the_days_last_tick_includes_it_with_other_starts_too()
    {
        var evenings = WorkingHours.AllDay with { Start = new TimeOnly(18, 0) };

        Assert.True(evenings.Allows(new DateOnly(2026, 6, 5).ToDateTime(TimeOnly.MaxValue)));
        Assert.False(evenings.Allows(At(2026, 6, 5, 17, 59)));
        Assert.Equal(At(2026, 6, 5, 18, 0), evenings.NextAllowed(At(2026, 6, 5, 12, 0)));
        Assert.Equal(At(2026, 6, 6, 18, 0), evenings.NextAllowed(At(2026, 6, 6, 0, 0)));
    }

    [Fact]
    public void The_start_must_be_before_the_end()
    {
        Assert.Null(WorkingHours.Validate(new TimeOnly(8, 30), new TimeOnly(17, 15)));
        Assert.Null(WorkingHours.Validate(TimeOnly.MinValue, TimeOnly.MaxValue));
        Assert.Equal("The start of working hours must be before its end.", WorkingHours.Validate(new TimeOnly(9, 0), new TimeOnly(9, 0)));
        Assert.Equal("The start of working hours must be before its end.", WorkingHours.Validate(new TimeOnly(17, 0), new TimeOnly(9, 0)));
    }

    [Fact]
    public void An_impossible_window_never_allows_and_next_allowed_throws()
    {
        var empty = Office with { Start = new TimeOnly(9, 0), End = new TimeOnly(9, 0) };
        var reversed = Office with { Start = new TimeOnly(17, 0), End = new TimeOnly(9, 0) };

        Assert.False(empty.Allows(At(2026, 6, 5, 9, 0)));
        Assert.False(reversed.Allows(At(2026, 6, 5, 12, 0)));
        Assert.Throws<InvalidOperationException>(() => empty.NextAllowed(At(2026, 6, 5, 9, 0)));
        Assert.Throws<InvalidOperationException>(() => reversed.NextAllowed(At(2026, 6, 5, 12, 0)));
    }

    [Fact]
    public void Holidays_beyond_2099_are_not_known_so_only_weekends_and_the_closure_count()
    {
        Assert.Equal(new DateTime(2100, 1, 4, 8, 30, 0), Office.NextAllowed(new DateTime(2099, 12, 28, 18, 0, 0)));
    }
}
