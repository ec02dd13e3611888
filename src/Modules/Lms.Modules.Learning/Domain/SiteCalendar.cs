using Lms.Framework.Settings;

namespace Lms.Modules.Learning.Domain;

/// <summary>Due dates are calendar days in the site's time zone (a course due on 3/31 is due until the end of 3/31 in Japan).</summary>
public sealed class SiteCalendar(ISiteSettingsService settings, TimeProvider clock)
{
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken)
    {
        var zone = (await settings.GetAsync(cancellationToken)).TimeZone;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
