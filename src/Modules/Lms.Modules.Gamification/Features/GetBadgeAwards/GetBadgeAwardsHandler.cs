using Lms.Contracts.Gamification;
using Lms.Modules.Gamification.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Features.GetBadgeAwards;

internal sealed class GetBadgeAwardsHandler(GamificationDbContext db) : IRequestHandler<Contracts.Gamification.GetBadgeAwards, IReadOnlyList<BadgeAwardRecord>>
{
    private const int Chunk = 500;

    public async Task<IReadOnlyList<BadgeAwardRecord>> Handle(Contracts.Gamification.GetBadgeAwards request, CancellationToken cancellationToken)
    {
        var held = db.Awards.AsNoTracking().Where(a => a.RevokedAt == null);
        if (request.StaffIds is null)
        {
            return await ReadAsync(held, cancellationToken);
        }

        var found = new List<BadgeAwardRecord>();
        foreach (var chunk in request.StaffIds.Distinct().Chunk(Chunk))
        {
            found.AddRange(await ReadAsync(held.Where(a => chunk.Contains(a.StaffId)), cancellationToken));
        }

        return found;
    }

    // The Japanese name, as BadgeAwarded carries it: the site's own language, whoever asks.
    private async Task<List<BadgeAwardRecord>> ReadAsync(IQueryable<BadgeAward> awards, CancellationToken cancellationToken) =>
        await (from a in awards
               join b in db.Badges.AsNoTracking() on a.BadgeId equals b.Id
               select new BadgeAwardRecord(a.Id, a.StaffId, a.BadgeId, b.NameJa, a.AwardedAt)).ToListAsync(cancellationToken);
}
