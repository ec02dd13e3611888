using System.Diagnostics;
using Lms.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Lms.Tests.Platform;

/// <summary>The operators' commands, run as an operator runs them: the host binary in its own process, on a fresh data directory.</summary>
/// <remarks>Always on SQLite (the default an operator starts with): the PostgreSQL suite leaves them out.</remarks>
[Trait("Provider", "Independent")]
public sealed class CommandLineTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "lms-cli-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>A first start without the demo city (seconds instead of half a minute): for commands that do not need it.</summary>
    private Task<(int ExitCode, string Output, string Error)> RunWithoutDemoAsync(params string[] args) => RunWithAsync(
        new() { ["Lms__Demo__Enabled"] = "false", ["Lms__Setup__AdminUserName"] = "cli-admin", ["Lms__Setup__AdminPassword"] = "Kanri-Sha-2026!" }, args);

    private async Task<(int ExitCode, string Output, string Error)> RunWithAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = HostProcess.Host(args);
        start.Environment["Lms__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return await HostProcess.RunAsync(start);
    }

    /// <summary>
    /// A command on an empty data directory sets the site up first, as the site's own first start does (the demo city's
    /// part of that is FirstStartTests'; here the first administrator comes from configuration, as on a real site).
    /// </summary>
    [Fact]
    public async Task Jobs_list_sets_up_an_empty_data_directory_with_the_configured_administrator_and_lists_the_recurring_jobs()
    {
        var (exit, output, error) = await RunWithAsync(
            new() { ["Lms__Demo__Enabled"] = "false", ["Lms__Setup__AdminUserName"] = "tajimi-admin", ["Lms__Setup__AdminPassword"] = "Kanri-Sha-2026!" },
            "jobs", "list");

        Assert.True(exit == 0, error);
        Assert.Contains("database-maintenance", output);
        Assert.All(["reminder-sweep", "manager-digest", "mail-outbox"], id => Assert.Contains(id, output));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "lms.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT group_concat(u.UserName || ':' || r.Name) FROM organization_users u
            JOIN organization_user_roles ur ON ur.UserId = u.Id JOIN organization_roles r ON r.Id = ur.RoleId
            """;
        Assert.Equal("tajimi-admin:Admin", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Jobs_run_runs_a_job_once_and_exits_with_its_result()
    {
        var (exit, output, error) = await RunWithoutDemoAsync("jobs", "run", "database-maintenance");

        Assert.True(exit == 0, error);
        Assert.Contains("database-maintenance: SQLite optimised", output);
    }

    [Fact]
    public async Task Jobs_run_with_an_unknown_id_names_the_known_jobs_and_exits_2()
    {
        var (exit, _, error) = await RunWithoutDemoAsync("jobs", "run", "make-coffee");

        Assert.Equal(2, exit);
        Assert.Contains("No recurring job 'make-coffee'", error);
        Assert.Contains("database-maintenance", error);
    }

    [Fact]
    public async Task Recipe_run_with_a_bad_file_names_it_and_exits_1()
    {
        Directory.CreateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, "broken.recipe.json");
        await File.WriteAllTextAsync(file, """{"name": "broken", "steps": [{"name": "no-such-step"}]}""");

        var (exit, _, error) = await RunWithoutDemoAsync("recipe", "run", file);

        Assert.Equal(1, exit);
        Assert.Contains("broken.recipe.json", error);
        Assert.Contains("no-such-step", error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
