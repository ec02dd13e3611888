using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Framework.Data;
using Lms.Framework.Settings;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Features.Points;

/// <summary>
/// Writes the points ledger. Each line has a source key unique per person, so a replayed event, a retried
/// job or the nightly reconciliation never counts a completion twice; lines are only ever added.
/// </summary>
internal sealed class PointsLedger(GamificationDbContext db, GameSettingsStore settingsStore, SiteTime siteTime, TimeProvider clock)
{
    // Milliseconds, not ticks: the providers store instants with less precision than DateTimeOffset holds (SQLite
    // through the binary converter, PostgreSQL in microseconds), and an event's time must give the same key as
    // the same completion read back by the reconciliation.
    public static string ActivityKey(Guid activityId, DateTimeOffset completedAt) => $"activity:{activityId:N}@{completedAt.ToUnixTimeMilliseconds()}";

    public static string CourseKey(Guid courseId, DateTimeOffset completedAt) => $"course:{courseId:N}@{completedAt.ToUnixTimeMilliseconds()}";

    public static string KindName(ActivityKind kind) => kind.ToString().ToLowerInvariant();

    public async Task<int> TotalAsync(Guid staffId, CancellationToken cancellationToken = default) =>
        await db.Points.Where(p => p.StaffId == staffId).SumAsync(p => p.Points, cancellationToken);

    /// <summary>Points for a completed activity (by its kind), within the day's cap. False when already counted.</summary>
    public async Task<bool> AddForActivityAsync(Guid staffId, Guid courseId, Guid activityId, ActivityKind kind, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        var settings = await settingsStore.GetAsync(cancellationToken);
        return await AddAsync(staffId, ActivityKey(activityId, completedAt), KindName(kind), courseId, activityId, settings.PointsFor(kind), completedAt, settings.DailyCap, cancellationToken);
    }

    /// <summary>The bonus for a completed course, within the day's cap. False when already counted.</summary>
    public async Task<bool> AddForCourseAsync(Guid staffId, Guid courseId, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        var settings = await settingsStore.GetAsync(cancellationToken);
        return await AddAsync(staffId, CourseKey(courseId, completedAt), "course", courseId, null, settings.Course, completedAt, settings.DailyCap, cancellationToken);
    }

    /// <summary>
    /// Takes back what a reversed completion earned (a new negative line, never an edit), and the course
    /// bonus when the course is no longer complete.
    /// </summary>
    public async Task ReverseAsync(ActivityCompletionReversed reversal, CancellationToken cancellationToken = default)
    {
        var activityPrefix = $"activity:{reversal.ActivityId:N}@";
        var coursePrefix = $"course:{reversal.CourseId:N}@";
        var earned = await db.Points.AsNoTracking()
            .Where(p => p.StaffId == reversal.StaffId && (p.SourceKey.StartsWith(activityPrefix) || (reversal.CourseCompletionReversed && p.SourceKey.StartsWith(coursePrefix))))
            .ToListAsync(cancellationToken);
        var reversedKeys = await db.Points.AsNoTracking()
            .Where(p => p.StaffId == reversal.StaffId && p.SourceKey.StartsWith("reversal:"))
            .Select(p => p.SourceKey).ToListAsync(cancellationToken);
        foreach (var entry in earned)
        {
            var key = "reversal:" + entry.SourceKey;
            if (reversedKeys.Contains(key) || entry.Points == 0)
            {
                continue;
            }

            await AddAsync(reversal.StaffId, key, "reversal", entry.CourseId, entry.ActivityId, -entry.Points, reversal.ReversedAt, 0, cancellationToken);
        }
    }

    private async Task<bool> AddAsync(Guid staffId, string sourceKey, string kind, Guid? courseId, Guid? activityId, int requested, DateTimeOffset occurredAt, int dailyCap, CancellationToken cancellationToken)
    {
        if (await db.Points.AnyAsync(p => p.StaffId == staffId && p.SourceKey == sourceKey, cancellationToken))
        {
            return false;
        }

        await siteTime.ZoneAsync(cancellationToken);
        var day = DateOnly.FromDateTime(siteTime.Local(occurredAt).DateTime);
        var granted = requested;
        if (requested > 0 && dailyCap > 0)
        {
            var already = await db.Points.Where(p => p.StaffId == staffId && p.LocalDate == day && p.Points > 0).SumAsync(p => p.Points, cancellationToken);
            granted = Math.Clamp(dailyCap - already, 0, requested);
        }

        var entry = new PointsEntry
        {
            StaffId = staffId,
            SourceKey = sourceKey,
            Kind = kind,
            CourseId = courseId,
            ActivityId = activityId,
            Points = granted,
            RequestedPoints = requested,
            LocalDate = day,
            OccurredAt = occurredAt.ToUniversalTime(),
            RecordedAt = clock.GetUtcNow(),
        };
        db.Points.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same completion delivered twice at once: the other delivery wrote it.
            db.Entry(entry).State = EntityState.Detached;
            return false;
        }
    }
}
