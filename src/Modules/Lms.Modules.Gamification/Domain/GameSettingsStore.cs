using System.Text.Json;
using Lms.Modules.Gamification.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Gamification.Domain;

/// <summary>Reads and saves the site-wide <see cref="GameSettings"/> (one row; no row: the defaults).</summary>
internal sealed class GameSettingsStore(GamificationDbContext db, IMemoryCache cache, TimeProvider clock)
{
    private const int RowId = 1;
    private static readonly object CacheKey = new();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<GameSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out GameSettings? cached) && cached is not null)
        {
            return cached;
        }

        var row = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == RowId, cancellationToken);
        var settings = row is null ? new GameSettings() : JsonSerializer.Deserialize<GameSettings>(row.Json, Json) ?? new GameSettings();
        cache.Set(CacheKey, settings, TimeSpan.FromMinutes(1));
        return settings;
    }

    /// <summary>Saves settings already checked with <see cref="GameSettings.Problems"/>.</summary>
    public async Task SaveAsync(GameSettings settings, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(settings with { Levels = settings.Levels.OrderBy(l => l.Threshold).ToList() }, Json);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Id == RowId, cancellationToken);
        if (row is null)
        {
            db.Settings.Add(new GameSettingsRow { Id = RowId, Json = json, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            row.Json = json;
            row.UpdatedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey);
    }
}
