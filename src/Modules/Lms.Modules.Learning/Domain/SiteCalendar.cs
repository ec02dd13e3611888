using Lms.Framework.Settings;

namespace Lms.Modules.Learning.Domain;

/// <summary>Due dates are calendar days in the site's time zone (a course due on 3/31 is due until the end of 3/31 in Japan).</summary>
public sealed class SiteCalendar(ISiteSettingsService settings, TimeProvider clock)
{
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken) => DayOf(clock.GetUtcNow(), await ZoneAsync(cancellationToken));

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken) => (await settings.GetAsync(cancellationToken)).TimeZone;

    /// <summary>The calendar day of a moment at the site (not on the server, which may well run in UTC).</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
