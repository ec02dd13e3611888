using Microsoft.Extensions.Logging;
using Npgsql;

namespace Lms.Framework.Data;

/// <summary>
/// One process's start-up work at a time (migrations, the first start's set-up, recurring-job schedules): the nodes of
/// a several-node site start together against one database, and two of them migrating or installing the demo city at
/// once would collide. On PostgreSQL a session-level advisory lock, held on a connection of its own for the start-up;
/// on SQLite (one machine) an exclusive lock on a file in the data directory, so that an operator's command started
/// while the site starts waits too. The others wait, then find the work done.
/// </summary>
public static class StartupLock
{
    /// <summary>The advisory lock's key: "LMS-INIT" in ASCII, so it is recognisable in pg_locks.</summary>
    public const long PostgresKey = 0x4C4D_532D_494E_4954;

    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseOptions db, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(logger);
        return db.Provider == DatabaseProvider.Postgres
            ? await PostgresLock.AcquireAsync(db.ConnectionString, logger, cancellationToken)
            : await FileLock.AcquireAsync(Path.Combine(db.DataDirectory, "startup.lock"), logger, cancellationToken);
    }

    private sealed class PostgresLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<PostgresLock> AcquireAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
        {
            // Not pooled: the lock belongs to the session, and the session ends with this connection.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using (var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
                {
                    attempt.Parameters.AddWithValue("key", PostgresKey);
                    if ((bool)(await attempt.ExecuteScalarAsync(cancellationToken))!)
                    {
                        return new PostgresLock(connection);
                    }
                }

                logger.LogInformation("Another node is starting (migrations or first-start set-up); waiting for it to finish");
                await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
                wait.Parameters.AddWithValue("key", PostgresKey);
                await wait.ExecuteNonQueryAsync(cancellationToken);
                logger.LogInformation("The other node's start-up finished; going on");
                return new PostgresLock(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                release.Parameters.AddWithValue("key", PostgresKey);
                await release.ExecuteNonQueryAsync();
            }
            finally
            {
                // Closing the session releases the lock in any case.
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class FileLock(FileStream file) : IAsyncDisposable
    {
        public static async Task<FileLock> AcquireAsync(string path, ILogger logger, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var told = false;
            while (true)
            {
                try
                {
                    // FileShare.None is an exclusive lock other processes honour (flock on Linux); the OS drops it if we die.
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException)
                {
                    if (!told)
                    {
                        logger.LogInformation("Another process is starting on this data directory ({Path}); waiting for it to finish", path);
                        told = true;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                }
            }
        }

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
