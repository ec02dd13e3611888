using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Domain;
using MediatR;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Gamification.Features.Social;

/// <summary>
/// Step-0 completion by org unit. A person's completion: every programme course (published, key starting
/// with <see cref="GameSettings.ProgrammeKeyPrefix"/>) they are enrolled in is complete; people with no
/// programme enrolment are not counted. The result is the same for everyone, so it is computed from a
/// handful of set-based queries and cached for a short while: the home page and the team pages then cost
/// no query for it.
/// </summary>
internal sealed class CompletionRates(IMediator mediator, GameSettingsStore settings, IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private static readonly object CacheKey = new();

    // One computation at a time: when the entry expires under load, the first request recomputes and the
    // others wait for its result instead of running the same heavy queries side by side.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<CompletionSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out CompletionSnapshot? cached) && cached is not null)
        {
            return cached;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryGetValue(CacheKey, out cached) && cached is not null)
            {
                return cached;
            }

            var snapshot = await ComputeAsync(cancellationToken);
            cache.Set(CacheKey, snapshot, Lifetime);
            return snapshot;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Drops the cached result (tests, and after changes an operator wants to see at once).</summary>
    public void Forget() => cache.Remove(CacheKey);

    private async Task<CompletionSnapshot> ComputeAsync(CancellationToken cancellationToken)
    {
        var prefix = (await settings.GetAsync(cancellationToken)).ProgrammeKeyPrefix;
        var units = Tree(await mediator.Send(new GetOrgUnits(), cancellationToken));
        var placements = (await mediator.Send(new GetStaffPlacements(), cancellationToken)).Where(p => p.IsActive && p.UnitAncestry.Count > 0).ToList();
        var programme = (await mediator.Send(new GetPublishedCourses(), cancellationToken))
            .Where(c => c.Key?.StartsWith(prefix, StringComparison.Ordinal) == true).Select(c => c.Id).ToHashSet();
        var records = await mediator.Send(new GetLearningRecords(IncludeCompletions: false), cancellationToken);

        var finished = records.Enrolments.Where(e => programme.Contains(e.CourseId)).GroupBy(e => e.StaffId)
            .ToDictionary(g => g.Key, g => g.All(e => e.CompletedAt is not null) ? g.Max(e => e.CompletedAt) : null);
        var seats = new Dictionary<Guid, StaffSeat>();
        var people = new List<CountedPerson>();
        foreach (var placement in placements)
        {
            var ancestry = placement.UnitAncestry;
            seats[placement.StaffId] = new StaffSeat(placement.OrgUnitId, ancestry[^1], ancestry.Count >= 2 ? ancestry[^2] : null);
            if (finished.TryGetValue(placement.StaffId, out var completedAt))
            {
                people.Add(new CountedPerson(ancestry, completedAt));
            }
        }

        return new CompletionSnapshot(units, seats, people, clock.GetUtcNow());
    }

    /// <summary>Parents from paths (総務部/情報システム課 sits under 総務部); GetOrgUnits lists them in path order.</summary>
    private static List<OrgUnitNode> Tree(IReadOnlyList<OrgUnitSummary> units)
    {
        var byPath = units.ToDictionary(u => u.Path, u => u.Id, StringComparer.Ordinal);
        return units.Select(u =>
        {
            var slash = u.Path.LastIndexOf('/');
            Guid? parent = slash > 0 && byPath.TryGetValue(u.Path[..slash], out var p) ? p : null;
            return new OrgUnitNode(u.Id, u.Path, slash >= 0 ? u.Path[(slash + 1)..] : u.Path, parent);
        }).ToList();
    }
}
