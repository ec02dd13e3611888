using Lms.Modules.Reporting.Domain;
using Lms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lms.Tests.Reporting;

public sealed class ProgressStatusTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Theory]
    [InlineData(false, null, false, ProgressStatus.NotStarted, 0)]
    [InlineData(false, null, true, ProgressStatus.InProgress, 0)]
    [InlineData(false, "2026-11-27", true, ProgressStatus.InProgress, 0)] // due today: not late yet
    [InlineData(false, "2026-11-26", true, ProgressStatus.Overdue, 1)]
    [InlineData(false, "2026-11-15", false, ProgressStatus.Overdue, 12)]
    [InlineData(true, "2026-11-15", true, ProgressStatus.Completed, 0)] // finished late is finished
    public void Status_and_days_overdue(bool completed, string? due, bool started, ProgressStatus expected, int days)
    {
        DateTimeOffset? completedAt = completed ? new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero) : null;
        DateOnly? dueDate = due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, ProgressStatuses.Of(completedAt, dueDate, started, Today));
        Assert.Equal(days, ProgressStatuses.DaysOverdue(completedAt, dueDate, Today));
    }

    [Theory]
    [InlineData(0, 4, false, 0)]
    [InlineData(1, 4, false, 25)]
    [InlineData(2, 3, false, 66)]
    [InlineData(4, 4, false, 99)] // all required done but not yet recorded as completed: never shows 100 before completion
    [InlineData(3, 5, true, 100)] // completed, then a new version added activities: stays complete
    [InlineData(0, 0, false, 100)]
    public void Percent_of_required_activities(int done, int required, bool completed, int expected) =>
        Assert.Equal(expected, ProgressStatuses.Percent(done, required, completed));

    [Fact]
    public void Status_names_round_trip_through_the_API_values()
    {
        foreach (var status in Enum.GetValues<ProgressStatus>())
        {
            Assert.True(ProgressStatuses.TryParse(status.ToApiValue(), out var parsed));
            Assert.Equal(status, parsed);
        }

        Assert.False(ProgressStatuses.TryParse("late", out _));
    }
}

public sealed class SiteDayTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task Today_is_the_date_in_Tokyo_not_in_UTC()
    {
        // 23:30 JST on the 26th is 14:30 UTC on the 26th; 00:30 JST on the 27th is 15:30 UTC on the 26th: same UTC date, two Tokyo days.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.Zero));
        await Factory.WithScopeAsync(async sp =>
        {
            var day = new SiteDay(sp.GetRequiredService<Lms.Framework.Settings.ISiteSettingsService>(), clock);
            Assert.Equal(new DateOnly(2026, 11, 26), await day.TodayAsync(CancellationToken.None));
            clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(new DateOnly(2026, 11, 27), await day.TodayAsync(CancellationToken.None));
            Assert.Equal(1, ProgressStatuses.DaysOverdue(null, new DateOnly(2026, 11, 26), await day.TodayAsync(CancellationToken.None)));
        });
    }
}
