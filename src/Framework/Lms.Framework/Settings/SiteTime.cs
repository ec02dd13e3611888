
namespace Lms.Framework.Settings;

/// <summary>Times as the site's clock shows them (the server may well run in UTC). One settings read per request.</summary>
public sealed class SiteTime(ISiteSettingsService settings)
{
    private TimeZoneInfo? zone;

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken = default) =>
        zone ??= (await settings.GetAsync(cancellationToken)).TimeZone;

    /// <summary>The moment on the site's clock; call <see cref="ZoneAsync"/> once before.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone ?? TimeZoneInfo.Utc);

    /// <summary>
    /// The instant a date and time on the site's clock stand for, in UTC (PostgreSQL stores only UTC offsets);
    /// call <see cref="ZoneAsync"/> once before.
    /// </summary>
    public DateTimeOffset FromLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var z = zone ?? TimeZoneInfo.Utc;
        return new DateTimeOffset(local, z.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Formats a moment in the site's zone; call <see cref="ZoneAsync"/> once before.</summary>
    public string Format(DateTimeOffset at, string format = "yyyy/MM/dd HH:mm") =>
        TimeZoneInfo.ConvertTime(at, zone ?? TimeZoneInfo.Utc).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
