using System.IO.Compression;
using Lms.Framework.Backup;
using Lms.Framework.Cli;
using Lms.Framework.Data;
using Lms.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lms.Tests.Platform.Backup;

/// <summary>The <c>backup</c> command's answers to bad input, run in-process on the test site's SQLite database.</summary>
[Trait("Provider", "Independent")]
public sealed class BackupCommandTests(LmsAppFactory factory) : SiteTest(factory), IDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lms-backup-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var command = scope.ServiceProvider.GetServices<ICommandLineCommand>().Single(c => c.Name == "backup");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await command.RunAsync(args, output, error, default);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Without_a_file_it_says_what_to_give_and_exits_2()
    {
        var (exit, _, error) = await RunAsync();

        Assert.Equal(2, exit);
        Assert.Contains("Name the backup file", error);
    }

    [Fact]
    public async Task An_existing_file_is_left_as_it_is_without_force()
    {
        var target = Path.Combine(folder, "lms.zip");
        await File.WriteAllTextAsync(target, "yesterday's backup");

        var (exit, _, error) = await RunAsync(target);

        Assert.Equal(2, exit);
        Assert.Contains("already exists", error);
        Assert.Contains("--force", error);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(target));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task A_file_in_a_folder_that_does_not_exist_is_refused()
    {
        var target = Path.Combine(folder, "no-such-folder", "lms.zip");

        var (exit, _, error) = await RunAsync(target);

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", error);
        Assert.False(Directory.Exists(Path.GetDirectoryName(target)));
    }

    [Fact]
    public async Task An_unknown_option_or_a_second_file_is_refused()
    {
        var target = Path.Combine(folder, "lms.zip");

        var unknown = await RunAsync(target, "--overwrite");
        var two = await RunAsync(target, Path.Combine(folder, "other.zip"));

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Unknown option '--overwrite'", unknown.Error);
        Assert.Equal(2, two.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task With_force_an_existing_file_is_replaced_by_a_backup_and_no_temporary_file_is_left()
    {
        var target = Path.Combine(folder, "lms.zip");
        await File.WriteAllTextAsync(target, "yesterday's backup");

        var (exit, output, error) = await RunAsync(target, "--force");

        Assert.True(exit == 0, error);
        Assert.Contains($"Backup written to {target}", output);
        Assert.Contains("lms.db", output);
        Assert.Equal([target], Directory.GetFiles(folder));
        using var zip = ZipFile.OpenRead(target);
        Assert.Contains(zip.Entries, e => e.FullName == SiteBackup.SqliteEntry);
        // The data-protection keys are rows of the database, so a restored site reads the cookies and tokens it issued.
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("keys/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backup_that_fails_leaves_no_file_behind()
    {
        // A site whose database file is missing: the copy fails after the temporary ZIP was opened.
        var dataDirectory = Directory.CreateDirectory(Path.Combine(folder, "empty-data")).FullName;
        var options = Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = dataDirectory });
        var backup = new SiteBackup(options, [], Factory.Services);
        var target = Path.Combine(folder, "lms.zip");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await new BackupCommand(backup).RunAsync([target], output, error, default);

        Assert.Equal(1, exit);
        Assert.Contains("Backup failed; nothing was written", error.ToString());
        Assert.Contains("does not exist", error.ToString());
        Assert.Equal([dataDirectory], Directory.GetFileSystemEntries(folder));
        Assert.Empty(Directory.GetFileSystemEntries(dataDirectory));
    }

    [Fact]
    public void The_postgres_command_names_the_configured_database_and_never_the_password()
    {
        var command = PostgresDump.CommandFor("Host=db.example.lg.jp;Port=5433;Database=lms;Username=lms_backup;Password=s3cret", "lms.pgdump");

        Assert.Equal("pg_dump --format=custom --host=db.example.lg.jp --port=5433 --username=lms_backup --dbname=lms --file=lms.pgdump", command);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
