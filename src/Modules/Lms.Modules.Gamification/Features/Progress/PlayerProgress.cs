using Lms.Framework.Settings;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Features.Progress;

/// <summary>A person's total, level (and the next one) and weekly streak.</summary>
internal sealed record PlayerProgress(int Total, Level Level, Level? Next, StreakStatus Streak)
{
    /// <summary>How far from this level to the next, 0–100 (100 at the top level).</summary>
    public int PercentToNext => Next is null
        ? 100
        : Math.Clamp((int)Math.Floor(100.0 * (Total - Level.Threshold) / (Next.Threshold - Level.Threshold)), 0, 100);

    public int PointsToNext => Next is null ? 0 : Math.Max(0, Next.Threshold - Total);
}

/// <summary>One line of the points ledger as the person reads it.</summary>
internal sealed record LedgerLine(long Id, DateOnly Date, string Kind, Guid? CourseId, Guid? ActivityId, int Points, int RequestedPoints)
{
    /// <summary>The daily cap cut it (a reversal is never "capped": it gives back what was given).</summary>
    public bool Capped => Kind != PlayerProgressReader.Reversal && Points < RequestedPoints;
}

internal sealed record LedgerPage(IReadOnlyList<LedgerLine> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>Reads a person's progress from the points ledger: one grouped query for total and streak, one for a ledger page.</summary>
internal sealed class PlayerProgressReader(GamificationDbContext db, GameSettingsStore settingsStore, SiteTime siteTime, TimeProvider clock)
{
    public const string Reversal = "reversal";
    public const int MaxPageSize = 100;

    public async Task<PlayerProgress> ForAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        // Per day and "reversal or not": the total needs every line, the streak only the earning ones.
        var days = await db.Points.AsNoTracking().Where(p => p.StaffId == staffId)
            .GroupBy(p => new { p.LocalDate, IsReversal = p.Kind == Reversal })
            .Select(g => new { g.Key.LocalDate, g.Key.IsReversal, Points = g.Sum(p => p.Points) })
            .ToListAsync(cancellationToken);
        var settings = await settingsStore.GetAsync(cancellationToken);
        await siteTime.ZoneAsync(cancellationToken);
        var today = DateOnly.FromDateTime(siteTime.Local(clock.GetUtcNow()).DateTime);
        var total = days.Sum(d => d.Points);
        var (level, next) = settings.LevelOf(total);
        return new PlayerProgress(total, level, next, WeeklyStreak.Compute(days.Where(d => !d.IsReversal).Select(d => d.LocalDate), today));
    }

    /// <summary>The newest lines first. <paramref name="page"/> from 1; callers check the bounds.</summary>
    public async Task<LedgerPage> LedgerAsync(Guid staffId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var mine = db.Points.AsNoTracking().Where(p => p.StaffId == staffId);
        var count = await mine.CountAsync(cancellationToken);
        var items = await mine.OrderByDescending(p => p.LocalDate).ThenByDescending(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new LedgerLine(p.Id, p.LocalDate, p.Kind, p.CourseId, p.ActivityId, p.Points, p.RequestedPoints))
            .ToListAsync(cancellationToken);
        return new LedgerPage(items, page, pageSize, count);
    }
}
