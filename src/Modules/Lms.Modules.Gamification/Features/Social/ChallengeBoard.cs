using Lms.Modules.Gamification.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Gamification.Features.Social;

/// <summary>
/// A department challenge as one member of the department sees it: their department's rate, one per section
/// (small ones suppressed) and how many sections reached the target. After the end date the standings are
/// those at the end of the last day.
/// </summary>
public sealed record ChallengeView(
    Guid Id,
    string Title,
    int TargetPercent,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int DaysLeft,
    bool Ended,
    bool ForEveryDepartment,
    UnitStanding Department,
    IReadOnlyList<UnitStanding> Sections,
    Guid? MySectionId,
    int FinishedDuring,
    int DepartmentsShown,
    int DepartmentsReached)
{
    public bool DepartmentReached => Department.Reached(TargetPercent);

    public int SectionsShown => Sections.Count(s => !s.Suppressed);

    public int SectionsReached => Sections.Count(s => s.Reached(TargetPercent));

    public int SectionsHidden => Sections.Count(s => s.Suppressed);
}

internal sealed class ChallengeBoard(GamificationDbContext db, CompletionRates rates, SocialCalendar calendar, IMemoryCache cache, TimeProvider clock)
{
    /// <summary>How long after its end a challenge's final result stays on the challenges page.</summary>
    public const int EndedShownForDays = 60;

    /// <summary>How long the list of challenges is kept: edits show within this, or at once after <see cref="Forget"/>.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private static readonly object CacheKey = new();

    private sealed record Recent(DateOnly Today, IReadOnlyList<Challenge> Challenges);

    /// <summary>
    /// The challenges that apply to the person's department (its own, and those for every department): live ones,
    /// and with <paramref name="withEnded"/> those that ended recently. The challenges and the rates come from the cache.
    /// </summary>
    public async Task<IReadOnlyList<ChallengeView>> ForAsync(Guid staffId, bool withEnded, bool english, CancellationToken cancellationToken = default)
    {
        var snapshot = await rates.GetAsync(cancellationToken);
        if (!snapshot.Seats.TryGetValue(staffId, out var seat))
        {
            return [];
        }

        var zone = await calendar.ZoneAsync(cancellationToken);
        var today = SocialCalendar.DayOf(clock.GetUtcNow(), zone);
        return (await ApplyingAsync(seat.DepartmentId, today, cancellationToken))
            .Where(c => withEnded || c.EndsOn >= today)
            .Select(c => View(c, snapshot, seat, today, zone, english))
            .ToList();
    }

    /// <summary>
    /// For the home page, which has a query budget: the live challenge of the person's department that ends first, or
    /// null when none applies or the person switched the displays off. No query when no challenge applies, one
    /// (the person's choice) when one does; the challenges, the rates and the zone come from the cache.
    /// </summary>
    public async Task<ChallengeView?> NextLiveAsync(Guid staffId, bool english, CancellationToken cancellationToken = default)
    {
        var snapshot = await rates.GetAsync(cancellationToken);
        if (!snapshot.Seats.TryGetValue(staffId, out var seat))
        {
            return null;
        }

        var zone = await calendar.ZoneAsync(cancellationToken);
        var today = SocialCalendar.DayOf(clock.GetUtcNow(), zone);
        var next = (await ApplyingAsync(seat.DepartmentId, today, cancellationToken)).FirstOrDefault(c => c.EndsOn >= today);
        if (next is null || await db.Preferences.AnyAsync(p => p.StaffId == staffId && !p.DisplaysEnabled, cancellationToken))
        {
            return null;
        }

        return View(next, snapshot, seat, today, zone, english);
    }

    /// <summary>Drops the cached challenges (after a recipe or an administrator changed them).</summary>
    public void Forget() => cache.Remove(CacheKey);

    /// <summary>Live ones first, ending soonest first; then ended ones, the latest first.</summary>
    private async Task<IEnumerable<Challenge>> ApplyingAsync(Guid department, DateOnly today, CancellationToken cancellationToken) =>
        (await RecentAsync(today, cancellationToken))
            .Where(c => c.StartsOn <= today && (c.OrgUnitId == null || c.OrgUnitId == department))
            .OrderBy(c => c.EndsOn < today).ThenBy(c => c.EndsOn < today ? -c.EndsOn.DayNumber : c.EndsOn.DayNumber).ThenBy(c => c.TitleJa, StringComparer.Ordinal);

    /// <summary>Every challenge not archived and not long over: a handful of rows, the same for everyone.</summary>
    private async Task<IReadOnlyList<Challenge>> RecentAsync(DateOnly today, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out Recent? recent) && recent is not null && recent.Today == today)
        {
            return recent.Challenges;
        }

        var since = today.AddDays(-EndedShownForDays);
        var challenges = await db.Challenges.AsNoTracking().Where(c => !c.IsArchived && c.EndsOn >= since).ToListAsync(cancellationToken);
        cache.Set(CacheKey, new Recent(today, challenges), Lifetime);
        return challenges;
    }

    private static ChallengeView View(Challenge challenge, CompletionSnapshot snapshot, StaffSeat seat, DateOnly today, TimeZoneInfo zone, bool english)
    {
        var department = seat.DepartmentId;
        var ended = challenge.EndsOn < today;
        var end = SocialCalendar.StartOf(challenge.EndsOn.AddDays(1), zone);
        var standings = ended ? snapshot.StandingsAsOf(end) : snapshot.Current;
        var sections = snapshot.ChildrenOf(department).Select(u => standings[u.Id]).Where(s => s.People > 0).ToList();
        var departments = challenge.OrgUnitId is null ? snapshot.Departments.Select(d => standings[d.Id]).Where(s => !s.Suppressed).ToList() : [];
        return new ChallengeView(
            challenge.Id,
            challenge.Title(english),
            challenge.TargetPercent,
            challenge.StartsOn,
            challenge.EndsOn,
            Math.Max(0, challenge.EndsOn.DayNumber - today.DayNumber),
            ended,
            challenge.OrgUnitId is null,
            standings[department],
            sections,
            seat.SectionId,
            // A small department's count would single people out, like its rate.
            standings[department].Suppressed ? 0 : snapshot.FinishedBetween(department, SocialCalendar.StartOf(challenge.StartsOn, zone), end),
            departments.Count,
            departments.Count(d => d.Reached(challenge.TargetPercent)));
    }
}
