using Lms.Framework.Data;
using Lms.Framework.Data.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lms.Framework.Jobs;

/// <summary>
/// Nightly housekeeping: on SQLite, folds the WAL back into the database and refreshes the planner's
/// statistics; on PostgreSQL, refreshes statistics (autovacuum does the rest).
/// </summary>
internal sealed class DatabaseMaintenanceJob(PlatformDbContext db, IOptions<DatabaseOptions> options) : IRecurringJob
{
    public const string Id = "database-maintenance";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
            var size = new FileInfo(options.Value.SqliteDatabasePath).Length;
            return $"SQLite optimised and checkpointed ({size / 1024} KiB)";
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        return "PostgreSQL statistics refreshed";
    }
}
