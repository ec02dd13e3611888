namespace Lms.Modules.Notifications.Domain;

internal static class Clock
{
    /// <summary>A time both databases store exactly (SQLite keeps about 100 µs, PostgreSQL 1 µs): whole milliseconds, UTC.</summary>
    public static DateTimeOffset Milliseconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
