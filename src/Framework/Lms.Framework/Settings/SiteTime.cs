
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
    public DateTimeOffset FromLocal(DateOnly date, TimeOnly time) => ToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), zone ?? TimeZoneInfo.Utc);

    /// <summary>The instant a wall-clock time in <paramref name="zone"/> stands for, in UTC.</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>Formats a moment in the site's zone; call <see cref="ZoneAsync"/> once before.</summary>
    public string Format(DateTimeOffset at, string format = "yyyy/MM/dd HH:mm") =>
        TimeZoneInfo.ConvertTime(at, zone ?? TimeZoneInfo.Utc).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
