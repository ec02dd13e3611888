using Lms.Modules.Gamification.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Domain;

/// <summary>A person's choices about the game; without a saved row, the humane defaults (displays on, social off).</summary>
internal sealed class GamePreferences(GamificationDbContext db, TimeProvider clock)
{
    public async Task<GamePreference> GetAsync(Guid staffId, CancellationToken cancellationToken = default) =>
        await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.StaffId == staffId, cancellationToken)
        ?? new GamePreference { StaffId = staffId };

    public async Task SaveAsync(Guid staffId, bool displaysEnabled, bool joinRankings, bool showName, CancellationToken cancellationToken = default)
    {
        var row = await db.Preferences.FirstOrDefaultAsync(p => p.StaffId == staffId, cancellationToken);
        if (row is null)
        {
            row = new GamePreference { StaffId = staffId };
            db.Preferences.Add(row);
        }

        row.DisplaysEnabled = displaysEnabled;
        // Switching the game off takes the person out of every comparison too; a name is shown only to those ranked.
        row.JoinRankings = displaysEnabled && joinRankings;
        row.ShowNameInRankings = row.JoinRankings && showName;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The people (of those given) who switched the displays off.</summary>
    public async Task<HashSet<Guid>> OptedOutAsync(IReadOnlyCollection<Guid> staffIds, CancellationToken cancellationToken = default)
    {
        var result = new HashSet<Guid>();
        foreach (var chunk in staffIds.Chunk(500))
        {
            result.UnionWith(await db.Preferences.AsNoTracking().Where(p => !p.DisplaysEnabled && chunk.Contains(p.StaffId)).Select(p => p.StaffId).ToListAsync(cancellationToken));
        }

        return result;
    }
}
