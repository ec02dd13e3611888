using Lms.Framework.Settings;

namespace Lms.Modules.Reporting.Domain;

/// <summary>"Today" as the city counts it: the date in the site's time zone, not the server's or UTC.</summary>
internal sealed class SiteDay(ISiteSettingsService settings, TimeProvider clock)
{
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), (await settings.GetAsync(cancellationToken)).TimeZone).DateTime);

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken) => (await settings.GetAsync(cancellationToken)).TimeZone;
}
