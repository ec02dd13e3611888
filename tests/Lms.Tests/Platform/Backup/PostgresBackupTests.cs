using System.Diagnostics;
using System.IO.Compression;
using Lms.Framework.Backup;
using Lms.Tests.Infrastructure;
using Npgsql;

namespace Lms.Tests.Platform.Backup;

/// <summary><c>backup</c> on PostgreSQL: pg_dump's custom format in the ZIP, restored with pg_restore into an empty database.</summary>
public sealed class PostgresBackupTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "lms-pg-backup-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<string> databases = [];

    [PostgresFact]
    public async Task Backup_runs_pg_dump_and_the_dump_restores_into_an_empty_database_the_site_starts_on()
    {
        var source = await CreateDatabaseAsync("_backup_source");
        var target = Path.Combine(folder, "lms.zip");

        var backup = await RunHostAsync(source, Path.Combine(folder, "source-data"), "backup", target);

        Assert.True(backup.ExitCode == 0, backup.Error + backup.Output);
        Assert.Contains(SiteBackup.PostgresEntry, backup.Output);
        var restoredData = Path.Combine(folder, "restored-data");
        ZipFile.ExtractToDirectory(target, restoredData);
        var restored = await CreateDatabaseAsync("_backup_restored");
        var pgRestore = await RunAsync("pg_restore", [], "--no-owner", "--exit-on-error", "--dbname=" + Libpq(restored), Path.Combine(restoredData, SiteBackup.PostgresEntry));
        Assert.True(pgRestore.ExitCode == 0, pgRestore.Error);
        Assert.Equal(await RowCountsAsync(source), await RowCountsAsync(restored));

        var started = await RunHostAsync(restored, restoredData, "jobs", "list");

        Assert.True(started.ExitCode == 0, started.Error + started.Output);
        await using var connection = new NpgsqlConnection(restored);
        await connection.OpenAsync();
        await using var admin = new NpgsqlCommand("SELECT COUNT(*) FROM organization_users WHERE \"UserName\" = 'pg-backup-admin'", connection);
        Assert.Equal(1L, await admin.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task Without_pg_dump_on_the_PATH_backup_prints_the_command_to_run_and_writes_nothing()
    {
        var source = await CreateDatabaseAsync("_backup_no_pg_dump");
        var target = Path.Combine(folder, "lms.zip");
        var dotnetOnly = Path.GetDirectoryName(Environment.ProcessPath)!;

        var backup = await RunHostAsync(source, Path.Combine(folder, "data"), ["PATH", dotnetOnly], "backup", target);

        Assert.Equal(1, backup.ExitCode);
        var builder = new NpgsqlConnectionStringBuilder(source);
        Assert.Contains("pg_dump, which is not on the PATH", backup.Error);
        Assert.Contains($"pg_dump --format=custom --host={builder.Host} --port={builder.Port}", backup.Error);
        Assert.Contains($"--dbname={builder.Database}", backup.Error);
        Assert.False(File.Exists(target));
        Assert.Equal(["data"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    private async Task<string> CreateDatabaseAsync(string suffix)
    {
        var builder = new NpgsqlConnectionStringBuilder(LmsAppFactory.PostgresConnectionString!);
        var name = builder.Database + suffix + "_" + Guid.NewGuid().ToString("N")[..6];
        databases.Add(name);
        await ExecuteOnServerAsync($"CREATE DATABASE {name};");
        builder.Database = name;
        return builder.ConnectionString;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(LmsAppFactory.PostgresConnectionString!) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Libpq(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={b.Host} port={b.Port} dbname={b.Database} user={b.Username}" + (string.IsNullOrEmpty(b.Password) ? "" : $" password={b.Password}");
    }

    private static async Task<SortedDictionary<string, long>> RowCountsAsync(string connectionString)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_schema || '.\"' || table_name || '\"' FROM information_schema.tables WHERE table_schema IN ('public', 'hangfire') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static Task<(int ExitCode, string Output, string Error)> RunHostAsync(string connectionString, string dataDirectory, params string[] args) =>
        RunHostAsync(connectionString, dataDirectory, [], args);

    private static Task<(int ExitCode, string Output, string Error)> RunHostAsync(string connectionString, string dataDirectory, string[] extraEnvironment, params string[] args) =>
        RunAsync("dotnet", [
            "Lms__DataDirectory", dataDirectory,
            "ASPNETCORE_ENVIRONMENT", "Production",
            "Lms__Database__Provider", "Postgres",
            "ConnectionStrings__Lms", connectionString,
            "Lms__Demo__Enabled", "false",
            "Lms__Setup__Curriculum", "false",
            "Lms__Setup__AdminUserName", "pg-backup-admin",
            "Lms__Setup__AdminPassword", "Kanri-Sha-2026!",
            .. extraEnvironment,
        ], [Path.Combine(AppContext.BaseDirectory, "Lms.Host.dll"), .. args]);

    /// <param name="environment">Name, value, name, value...</param>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] environment, params string[] args)
    {
        var start = HostProcess.Program(program, args);
        for (var i = 0; i < environment.Length; i += 2)
        {
            start.Environment[environment[i]] = environment[i + 1];
        }

        return await HostProcess.RunAsync(start);
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var database in databases)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE);");
        }

        Directory.Delete(folder, recursive: true);
    }
}
