using System.IO.Compression;
using Lms.Framework.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Lms.Framework.Backup;

/// <summary>One thing a backup holds: its path in the archive, where it came from, how many files and bytes.</summary>
internal sealed record BackupItem(string Entry, string Source, string Detail, int Files, long Bytes, bool IsFolder = false);

internal sealed record BackupResult(string Target, long ArchiveBytes, IReadOnlyList<BackupItem> Items);

/// <summary>
/// Writes a site's backup: one ZIP laid out like a data directory. The database comes first (SQLite's online backup
/// API, or pg_dump), then each <see cref="BackupFolder"/>: a file the site adds while the folder is read is either in
/// the backup or not yet referenced by the copied database, which is what makes the two agree. The ZIP is written under
/// a temporary name beside the target and renamed when complete, so a failed backup leaves no half file.
/// </summary>
internal sealed class SiteBackup(IOptions<DatabaseOptions> options, IEnumerable<BackupFolder> folders, IServiceProvider services)
{
    public const string SqliteEntry = "lms.db";
    public const string HangfireEntry = "hangfire.db";
    public const string PostgresEntry = "lms.pgdump";

    public async Task<BackupResult> WriteAsync(string target, bool overwrite, CancellationToken cancellationToken)
    {
        var database = options.Value;
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var temporaryArchive = $"{target}.{stamp}.part";
        var temporaryDatabase = $"{target}.{stamp}.db.part";
        var items = new List<BackupItem>();
        try
        {
            await using (var stream = new FileStream(temporaryArchive, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    if (database.Provider == DatabaseProvider.Postgres)
                    {
                        await PostgresDump.DumpAsync(database.ConnectionString, temporaryDatabase, cancellationToken);
                        items.Add(await AddFileAsync(zip, temporaryDatabase, PostgresEntry, "pg_dump --format=custom", cancellationToken));
                    }
                    else
                    {
                        items.Add(await AddSqliteAsync(zip, database.SqliteDatabasePath, temporaryDatabase, SqliteEntry, cancellationToken));
                        // Hangfire's own file (queued and scheduled jobs) when jobs are stored on disk, as they are by default.
                        var hangfire = Path.Combine(database.DataDirectory, HangfireEntry);
                        if (File.Exists(hangfire))
                        {
                            items.Add(await AddSqliteAsync(zip, hangfire, temporaryDatabase, HangfireEntry, cancellationToken));
                        }
                    }

                    foreach (var folder in folders.DistinctBy(f => f.Name, StringComparer.Ordinal))
                    {
                        items.Add(await AddFolderAsync(zip, folder, cancellationToken));
                    }
                }

                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryArchive, target, overwrite);
            return new BackupResult(target, new FileInfo(target).Length, items);
        }
        finally
        {
            foreach (var leftover in new[] { temporaryArchive, temporaryDatabase, temporaryDatabase + "-wal", temporaryDatabase + "-shm", temporaryDatabase + "-journal" })
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>
    /// Copies a live SQLite file with the online backup API: one step under one read transaction, so the copy is the
    /// database as of one moment while the site (in this or another process) goes on writing beside it in WAL mode.
    /// </summary>
    private static async Task<BackupItem> AddSqliteAsync(ZipArchive zip, string source, string temporary, string entry, CancellationToken cancellationToken)
    {
        if (!File.Exists(source))
        {
            throw new BackupException($"The database file {source} does not exist.");
        }

        int tables;
        // No pooling: the copy's file must be closed (and its WAL folded in) before it is zipped and deleted.
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);

            await using var check = to.CreateCommand();
            check.CommandText = "PRAGMA quick_check;";
            var verdict = (string?)await check.ExecuteScalarAsync(cancellationToken);
            if (verdict != "ok")
            {
                throw new BackupException($"The copy of {source} failed SQLite's quick_check: {verdict}");
            }

            check.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';";
            tables = Convert.ToInt32(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var item = await AddFileAsync(zip, temporary, entry, $"SQLite online backup of {source}, {tables} tables", cancellationToken);
        File.Delete(temporary);
        return item;
    }

    private static async Task<BackupItem> AddFileAsync(ZipArchive zip, string file, string entry, string detail, CancellationToken cancellationToken)
    {
        var length = new FileInfo(file).Length;
        await zip.CreateEntryFromFileAsync(file, entry, CompressionLevel.Fastest, cancellationToken);
        return new BackupItem(entry, file, detail, 1, length);
    }

    private async Task<BackupItem> AddFolderAsync(ZipArchive zip, BackupFolder folder, CancellationToken cancellationToken)
    {
        var root = folder.Resolve(services);
        if (root is null)
        {
            return new BackupItem(folder.Name + "/", "-", "not on this machine's disk: back it up where it is stored", 0, 0);
        }

        root = Path.GetFullPath(root);
        var files = 0;
        var bytes = 0L;
        if (Directory.Exists(root))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = Path.GetRelativePath(root, file);
                if (IsUnfinished(relative))
                {
                    continue;
                }

                try
                {
                    var length = new FileInfo(file).Length;
                    await zip.CreateEntryFromFileAsync(file, folder.Name + "/" + relative.Replace(Path.DirectorySeparatorChar, '/'), CompressionLevel.Fastest, cancellationToken);
                    files++;
                    bytes += length;
                }
                catch (FileNotFoundException)
                {
                    // Deleted by the running site since the folder was listed: it is no longer the site's data.
                }
            }
        }

        return new BackupItem(folder.Name + "/", root, "files", files, bytes, IsFolder: true);
    }

    /// <summary>Files the stores are still writing: <c>*.part</c> files and the media store's <c>.tmp</c> folder.</summary>
    private static bool IsUnfinished(string relativePath) =>
        relativePath.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
        || relativePath.Split(Path.DirectorySeparatorChar).Contains(".tmp", StringComparer.Ordinal);
}

/// <summary>A backup that cannot be made, with the reason for the operator.</summary>
internal sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
