using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lms.Tests.Infrastructure;
using Npgsql;

namespace Lms.Tests.Platform;

/// <summary>
/// The site as an admin starts it: the host binary on a real port, an empty data directory, real
/// Hangfire storage and server. It must set itself up and report healthy.
/// </summary>
public sealed partial class FirstStartTests
{
    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    private static async Task<(string Health, string Log)> StartAndCheckHealthAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Lms.Host.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        var address = new TaskCompletionSource<string>();
        process.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } m)
            {
                address.TrySetResult(m.Groups[1].Value);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // A first start installs the demo city and plays its learning history (about 20 s on SQLite and 50 s on
            // PostgreSQL on an idle machine; CI runs other test classes beside it). This checks that it starts, not how fast.
            string url;
            try
            {
                url = await address.Task.WaitAsync(TimeSpan.FromMinutes(4));
            }
            catch (TimeoutException)
            {
                lock (log)
                {
                    throw new TimeoutException("The host did not start listening within 4 minutes. Its log:\n" + log);
                }
            }

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            // The Hangfire server announces itself a moment after start-up.
            for (var attempt = 0; ; attempt++)
            {
                var health = await http.GetStringAsync("/health");
                if (health.Contains("\"status\": \"Healthy\"", StringComparison.Ordinal) || attempt == 50)
                {
                    lock (log)
                    {
                        return (health, log.ToString());
                    }
                }

                await Task.Delay(200);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    [Trait("Provider", "Independent")] // the embedded default, SQLite: the PostgreSQL suite leaves it out
    public async Task An_empty_data_directory_becomes_a_healthy_site_with_the_demo_city()
    {
        var directory = Path.Combine(Path.GetTempPath(), "lms-first-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (health, log) = await StartAndCheckHealthAsync(new() { ["Lms__DataDirectory"] = directory });

            using var json = JsonDocument.Parse(health);
            Assert.True(json.RootElement.GetProperty("status").GetString() == "Healthy", health + log);
            Assert.Equal(1, json.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("data").GetProperty("servers").GetInt32());
            Assert.Contains("Running recipe demo", log);
            Assert.True(File.Exists(Path.Combine(directory, "lms.db")));
            Assert.True(File.Exists(Path.Combine(directory, "hangfire.db")));
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [PostgresFact]
    public async Task On_PostgreSQL_the_site_and_Hangfire_share_one_database()
    {
        var connectionString = LmsAppFactory.PostgresConnectionString!;

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database + "_first_start";
        builder.Database = "postgres";
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE); CREATE DATABASE {database};", admin);
            await drop.ExecuteNonQueryAsync();
        }

        builder.Database = database;
        var (health, log) = await StartAndCheckHealthAsync(new()
        {
            ["Lms__DataDirectory"] = Path.Combine(Path.GetTempPath(), "lms-pg-" + Guid.NewGuid().ToString("N")[..8]),
            ["Lms__Database__Provider"] = "Postgres",
            ["ConnectionStrings__Lms"] = builder.ConnectionString,
        });

        using var json = JsonDocument.Parse(health);
        Assert.True(json.RootElement.GetProperty("status").GetString() == "Healthy", health + log);
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT COUNT(*) FROM organization_staff), (SELECT COUNT(*) FROM hangfire.set WHERE key = 'recurring-jobs')", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(500L, reader.GetInt64(0));
        Assert.True(reader.GetInt64(1) >= 1);
    }
}
