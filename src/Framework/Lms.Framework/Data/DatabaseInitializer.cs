using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lms.Framework.Data;

/// <summary>Prepares the database at start-up: the SQLite file in WAL mode, then every module's migrations in module order.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IOptions<DatabaseOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var db = options.Value;
        Directory.CreateDirectory(db.DataDirectory);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(db.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // WAL lets readers go on while one writer writes; it is a property of the file and persists.
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!db.MigrateOnStartup)
        {
            logger.LogInformation("Migrations at start-up are switched off (Lms:Database:MigrateOnStartup=false)");
            return;
        }

        await using var scope = services.CreateAsyncScope();
        foreach (var database in scope.ServiceProvider.GetServices<ModuleDatabase>())
        {
            var context = scope.ServiceProvider.ResolveContext(database);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            logger.LogInformation("Applying {Count} migration(s) to {Prefix}: {Migrations}", pending.Count, database.TablePrefix, string.Join(", ", pending));
            await context.Database.MigrateAsync(cancellationToken);
        }
    }
}
