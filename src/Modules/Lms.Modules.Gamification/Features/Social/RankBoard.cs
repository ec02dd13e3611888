using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Features.Social;

/// <summary>One line of a person's neighbourhood: a name only for someone who chose to show it.</summary>
public sealed record RankNeighbour(int Rank, int Points, string? Name, bool IsMe);

/// <summary>The viewer's own place among the colleagues of their department who also joined: "12人中 5位".</summary>
public sealed record RankView(int Rank, int Of, IReadOnlyList<RankNeighbour> Around);

/// <summary>
/// The opt-in individual comparison. Only ever built for the person asking, around that person: there is no way to
/// ask for someone else's neighbourhood or for a whole list, whatever one's role. People who did not join, or who
/// switched the displays off, are in nobody's list and nobody's count.
/// </summary>
internal sealed class RankBoard(GamificationDbContext db, CompletionRates rates, IMediator mediator)
{
    /// <summary>Neighbours shown on each side of the viewer.</summary>
    public const int Reach = 2;

    /// <summary>Null when the viewer does not take part (not joined, displays off, or no active placement).</summary>
    public async Task<RankView?> ForAsync(Guid staffId, CancellationToken cancellationToken = default)
    {
        var snapshot = await rates.GetAsync(cancellationToken);
        if (!snapshot.Seats.TryGetValue(staffId, out var seat))
        {
            return null;
        }

        var joined = await db.Preferences.AsNoTracking()
            .Where(p => p.JoinRankings && p.DisplaysEnabled)
            .Select(p => new { p.StaffId, p.ShowNameInRankings })
            .ToListAsync(cancellationToken);
        var colleagues = joined
            .Where(p => snapshot.Seats.TryGetValue(p.StaffId, out var s) && s.DepartmentId == seat.DepartmentId)
            .ToDictionary(p => p.StaffId, p => p.ShowNameInRankings);
        if (!colleagues.ContainsKey(staffId))
        {
            return null;
        }

        var totals = new Dictionary<Guid, int>();
        foreach (var chunk in colleagues.Keys.Chunk(500))
        {
            var rows = await db.Points.AsNoTracking().Where(p => chunk.Contains(p.StaffId))
                .GroupBy(p => p.StaffId).Select(g => new { g.Key, Total = g.Sum(p => p.Points) })
                .ToListAsync(cancellationToken);
            rows.ForEach(r => totals[r.Key] = r.Total);
        }

        // Ties share a rank; among equals the order is arbitrary but stable, so neighbours do not flicker.
        var ordered = colleagues.Keys.Select(id => (Id: id, Points: totals.GetValueOrDefault(id)))
            .OrderByDescending(x => x.Points).ThenBy(x => x.Id).ToList();
        var at = ordered.FindIndex(x => x.Id == staffId);
        var window = ordered.Skip(Math.Max(0, at - Reach)).Take(at - Math.Max(0, at - Reach) + Reach + 1).ToList();
        var named = window.Where(x => x.Id != staffId && colleagues[x.Id]).Select(x => x.Id).ToList();
        var names = named.Count == 0
            ? new Dictionary<Guid, string>()
            : (await mediator.Send(new GetStaffCards(named), cancellationToken)).ToDictionary(c => c.StaffId, c => c.Name);

        int RankOf(int points) => 1 + ordered.Count(x => x.Points > points);
        var around = window.Select(x => new RankNeighbour(RankOf(x.Points), x.Points, x.Id == staffId ? null : names.GetValueOrDefault(x.Id), x.Id == staffId)).ToList();
        return new RankView(RankOf(ordered[at].Points), ordered.Count, around);
    }
}
