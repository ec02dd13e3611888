using Lms.Contracts.Learning;
using Lms.Framework.Data;
using Lms.Framework.Settings;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Features.Points;

/// <summary>
/// Adds the ledger lines that events should have written but did not (a handler failed, the module was
/// switched on after people had learned). Set-based: one read of all completions, one of the ledger's keys.
/// </summary>
internal sealed class PointsReconciler(GamificationDbContext db, IMediator mediator, GameSettingsStore settingsStore, SiteTime siteTime, TimeProvider clock)
{
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var settings = await settingsStore.GetAsync(cancellationToken);
        var zone = await siteTime.ZoneAsync(cancellationToken);
        var records = await mediator.Send(new GetLearningRecords(), cancellationToken);
        var existing = (await db.Points.AsNoTracking().Select(p => new { p.StaffId, p.SourceKey, p.LocalDate, p.Points }).ToListAsync(cancellationToken));
        var keys = existing.Select(p => (p.StaffId, p.SourceKey)).ToHashSet();
        var perDay = existing.Where(p => p.Points > 0).GroupBy(p => (p.StaffId, p.LocalDate)).ToDictionary(g => g.Key, g => g.Sum(p => p.Points));

        var wanted = records.Completions
            .Select(c => (c.StaffId, Key: PointsLedger.ActivityKey(c.ActivityId, c.CompletedAt), Kind: PointsLedger.KindName(c.Kind), CourseId: (Guid?)c.CourseId, ActivityId: (Guid?)c.ActivityId, Points: settings.PointsFor(c.Kind), At: c.CompletedAt))
            .Concat(records.Enrolments.Where(e => e.CompletedAt is not null)
                .Select(e => (e.StaffId, Key: PointsLedger.CourseKey(e.CourseId, e.CompletedAt!.Value), Kind: "course", CourseId: (Guid?)e.CourseId, ActivityId: (Guid?)null, Points: settings.Course, At: e.CompletedAt!.Value)))
            .Where(w => !keys.Contains((w.StaffId, w.Key)))
            .OrderBy(w => w.At)
            .ToList();

        var now = clock.GetUtcNow();
        var lines = new List<PointsEntry>(wanted.Count);
        foreach (var w in wanted)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(w.At, zone).DateTime);
            var already = perDay.GetValueOrDefault((w.StaffId, day));
            var granted = settings.DailyCap > 0 ? Math.Clamp(settings.DailyCap - already, 0, w.Points) : w.Points;
            perDay[(w.StaffId, day)] = already + granted;
            lines.Add(new PointsEntry
            {
                StaffId = w.StaffId,
                SourceKey = w.Key,
                Kind = w.Kind,
                CourseId = w.CourseId,
                ActivityId = w.ActivityId,
                Points = granted,
                RequestedPoints = w.Points,
                LocalDate = day,
                OccurredAt = w.At.ToUniversalTime(),
                RecordedAt = now,
            });
        }

        var added = 0;
        foreach (var chunk in lines.Chunk(2000))
        {
            db.Points.AddRange(chunk);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                added += chunk.Length;
                db.ChangeTracker.Clear();
                continue;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // An event handler wrote some of these lines meanwhile: keep theirs, add the rest one by one.
                db.ChangeTracker.Clear();
            }

            foreach (var line in chunk)
            {
                line.Id = 0;
                db.Points.Add(line);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    added++;
                }
                catch (DbUpdateException e) when (e.IsUniqueViolation())
                {
                    // already there
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        return added;
    }
}
