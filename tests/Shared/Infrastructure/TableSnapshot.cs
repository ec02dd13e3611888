using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lms.Tests.Infrastructure;

/// <summary>
/// A copy of every table of the test database, taken once and put back as often as tests need it: the demo
/// city's history takes 25 s to play on SQLite and a minute on PostgreSQL, and a dozen tests start from it.
/// SQLite copies into an attached file beside the database; PostgreSQL into a schema of its own (unlogged
/// tables), restored with triggers (and so foreign keys) off for the copy, which needs a superuser.
/// </summary>
internal sealed class TableSnapshot
{
    private readonly IReadOnlyList<string> tables;
    private readonly string? sqliteFile;
    private readonly string schema;

    private TableSnapshot(IReadOnlyList<string> tables, string? sqliteFile, string schema)
    {
        this.tables = tables;
        this.sqliteFile = sqliteFile;
        this.schema = schema;
    }

    /// <summary>
    /// Copies every table but <paramref name="ignored"/> (migration histories: the same in every test) under
    /// <paramref name="name"/> (letters, digits and dashes): a file in <paramref name="directory"/> on SQLite, a schema on PostgreSQL.
    /// </summary>
    public static async Task<TableSnapshot> SaveAsync(DbConnection connection, IReadOnlySet<string> ignored, string name, string directory)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z0-9-]+$"))
        {
            throw new ArgumentException("A snapshot name is lower-case letters, digits and dashes.", nameof(name));
        }

        var schema = "lms_snapshot_" + name.Replace('-', '_');
        var sqliteFile = Path.Combine(directory, $"snapshot-{name}.db");
        if (connection is SqliteConnection)
        {
            File.Delete(sqliteFile);
            var tables = (await ListAsync(connection, "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"))
                .Where(t => !ignored.Contains(t)).ToList();
            await ExecuteAsync(connection, $"ATTACH DATABASE '{sqliteFile.Replace("'", "''", StringComparison.Ordinal)}' AS snap;");
            try
            {
                foreach (var table in tables)
                {
                    await ExecuteAsync(connection, $"CREATE TABLE snap.{Quote(table)} AS SELECT * FROM main.{Quote(table)};");
                }
            }
            finally
            {
                await ExecuteAsync(connection, "DETACH DATABASE snap;");
            }

            return new TableSnapshot(tables, sqliteFile, schema);
        }

        var pgTables = (await ListAsync(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"))
            .Where(t => !ignored.Contains(t)).ToList();
        await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};");
        foreach (var table in pgTables)
        {
            await ExecuteAsync(connection, $"CREATE UNLOGGED TABLE {schema}.{Quote(table)} AS SELECT * FROM public.{Quote(table)};");
        }

        return new TableSnapshot(pgTables, null, schema);
    }

    /// <summary>Empties every copied table and fills it from the snapshot, in one transaction.</summary>
    public async Task RestoreAsync(DbConnection connection)
    {
        if (connection is SqliteConnection)
        {
            // Foreign keys cannot be switched inside a transaction; the copy is consistent as a whole.
            await ExecuteAsync(connection, "PRAGMA foreign_keys = OFF;");
            await ExecuteAsync(connection, $"ATTACH DATABASE '{sqliteFile!.Replace("'", "''", StringComparison.Ordinal)}' AS snap;");
            try
            {
                await using var transaction = await connection.BeginTransactionAsync();
                foreach (var table in tables)
                {
                    await ExecuteAsync(connection, $"DELETE FROM main.{Quote(table)}; INSERT INTO main.{Quote(table)} SELECT * FROM snap.{Quote(table)};", transaction);
                }

                await transaction.CommitAsync();
            }
            finally
            {
                await ExecuteAsync(connection, "DETACH DATABASE snap;");
                await ExecuteAsync(connection, "PRAGMA foreign_keys = ON;");
            }

            return;
        }

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "SET LOCAL session_replication_role = replica;", transaction);
            await ExecuteAsync(connection, $"TRUNCATE {string.Join(", ", tables.Select(t => "public." + Quote(t)))};", transaction);
            foreach (var table in tables)
            {
                await ExecuteAsync(connection, $"INSERT INTO public.{Quote(table)} SELECT * FROM {schema}.{Quote(table)};", transaction);
            }

            // Identity columns go on from the restored rows, not from where the last test left their sequences.
            var identities = new List<(string Table, string Column)>();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = 'public' AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
                    """;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    identities.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (table, column) in identities.Where(i => tables.Contains(i.Table)))
            {
                await ExecuteAsync(connection,
                    $"SELECT setval(pg_get_serial_sequence('public.{Quote(table)}', '{column}'), COALESCE(MAX({Quote(column)}), 0) + 1, false) FROM public.{Quote(table)};",
                    transaction);
            }

            await transaction.CommitAsync();
        }
    }

    /// <summary>Whether this connection may restore: PostgreSQL needs a superuser to switch foreign keys off for the copy.</summary>
    public static async Task<bool> CanRestoreAsync(DbConnection connection)
    {
        if (connection is not NpgsqlConnection)
        {
            return true;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rolsuper FROM pg_roles WHERE rolname = current_user";
        return await command.ExecuteScalarAsync() is true;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        var names = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }
}
