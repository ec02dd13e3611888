using Lms.Framework.Settings;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Gamification.Features.Social;

/// <summary>
/// Challenge dates are calendar days on the site's clock. The zone is cached for a short while because the
/// home panel asks for "today" on every visit and must stay within its query budget.
/// </summary>
internal sealed class SocialCalendar(ISiteSettingsService settings, IMemoryCache cache, TimeProvider clock)
{
    private static readonly object CacheKey = new();

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out TimeZoneInfo? zone) && zone is not null)
        {
            return zone;
        }

        zone = (await settings.GetAsync(cancellationToken)).TimeZone;
        cache.Set(CacheKey, zone, CompletionRates.Lifetime);
        return zone;
    }

    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken = default) =>
        DayOf(clock.GetUtcNow(), await ZoneAsync(cancellationToken));

    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The instant a calendar day begins at the site.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The last day of the calendar quarter that holds <paramref name="day"/> (3/31, 6/30, 9/30, 12/31).</summary>
    public static DateOnly QuarterEnd(DateOnly day)
    {
        var lastMonth = ((day.Month - 1) / 3 * 3) + 3;
        return new DateOnly(day.Year, lastMonth, DateTime.DaysInMonth(day.Year, lastMonth));
    }
}
