using System.Data.Common;
using Lms.Framework.Data;
using Lms.Framework.Recipes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Respawn;

namespace Lms.Tests.Infrastructure;

/// <summary>
/// The whole site in-process, on SQLite in a temporary data directory, or on PostgreSQL when
/// LMS_TEST_POSTGRES holds a connection string. One per test process: Hangfire keeps static state. Its source is shared
/// by the test projects (tests/Shared), so each project's process has one.
/// Between tests the database is emptied with Respawn and the setup recipe runs again.
/// </summary>
public sealed class LmsAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PostgresVariable = "LMS_TEST_POSTGRES";
    private Respawner? respawner;
    private HashSet<string> ignoredTables = [];
    private readonly Dictionary<string, SnapshotState> snapshots = [];

    /// <summary>A state tests start from: its tables, its files and the events raised while it was built, on one site-local day.</summary>
    private sealed record SnapshotState(TableSnapshot? Tables, DateOnly Day, IReadOnlyList<MediatR.INotification> Events, string Files);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "lms-tests-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>
    /// This test project's PostgreSQL database, or null on SQLite. `dotnet test` runs the test projects side by side, each
    /// in its own process, so each has a database of its own: Lms.Tests the one LMS_TEST_POSTGRES names, another project
    /// that name with the project's last word (lms_test_engagement for Lms.Tests.Engagement), created on first use.
    /// </summary>
    public static string? PostgresConnectionString { get; } =
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? ForThisProject(cs) : null;

    private static string ForThisProject(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var project = typeof(LmsAppFactory).Assembly.GetName().Name!;
        if (project != "Lms.Tests")
        {
            builder.Database = (builder.Database ?? builder.Username ?? "postgres") + "_" + project[(project.LastIndexOf('.') + 1)..].ToLowerInvariant();
        }

        return builder.ConnectionString;
    }

    /// <summary>Creates this project's database when the server does not have it yet (only then is the maintenance database asked).</summary>
    private static async Task EnsurePostgresDatabaseAsync(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        try
        {
            await using var probe = new NpgsqlConnection(builder.ConnectionString);
            await probe.OpenAsync();
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
        }

        var database = builder.Database ?? builder.Username ?? "postgres";
        builder.Database = "postgres";
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another run of this project created it a moment ago.
        }
    }

    public EventRecorder Events { get; } = new();

    public FakeMediaUsages MediaUsages { get; } = new();

    /// <summary>Where the media library keeps its files in tests (the default: under the data directory).</summary>
    public string MediaDirectory => Path.Combine(DataDirectory, "media");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _ = JobsInFlight.Instance; // counting from the first job on
        builder.UseEnvironment("Testing");
        builder.UseSetting("Lms:DataDirectory", DataDirectory);
        builder.UseSetting("Lms:Demo:Enabled", "false");
        builder.UseSetting("Lms:Jobs:Storage", "InMemory");
        builder.UseSetting("Lms:Jobs:WorkerCount", "1");
        // Jobs that act on the real clock would race tests that move a fake one; tests run them directly.
        builder.UseSetting("Lms:Jobs:Schedules:reminder-sweep", "never");
        builder.UseSetting("Lms:Jobs:Schedules:manager-digest", "never");
        builder.UseSetting("Lms:Jobs:Schedules:mail-outbox", "never");
        builder.UseSetting("Lms:Jobs:Schedules:certificates-reconcile", "never");
        builder.UseSetting("Lms:Jobs:Schedules:reporting-rebuild", "never");
        // Every in-process request comes from one "address": the verification limit is the rate-limit test's to set.
        builder.UseSetting("Lms:Certificates:VerifyRequestsPerMinute", "10000");
        builder.UseSetting("Lms:RateLimits:SignIn:PermitLimit", "10000");
        builder.UseSetting("Lms:RateLimits:Token:PermitLimit", "10000");
        if (PostgresConnectionString is { } postgres)
        {
            builder.UseSetting("Lms:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Lms", postgres);
        }

        builder.ConfigureTestServices(services =>
        {
            Events.Register(services);
            MediaUsages.Register(services);
            // Identity's 100,000 PBKDF2 rounds cost about 100 ms a password, and thousands are hashed or checked (seeding the
            // demo accounts took 925 ms a test, 412 ms with 1,000 rounds). Hashing itself is Identity's, not ours to test.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
        });
    }

    public async Task InitializeAsync()
    {
        if (PostgresConnectionString is { } postgres)
        {
            await EnsurePostgresDatabaseAsync(postgres);
        }

        _ = Server; // starts the host: migrations and the setup recipe
        await using var connection = await OpenConnectionAsync();
        // The data-protection keys stay: the process keeps its key ring in memory, and a node reading the database
        // after a reset would otherwise make a key of its own and fail to read what this one protected.
        ignoredTables = [.. Services.GetServices<ModuleDatabase>().Select(d => d.HistoryTable), "__EFMigrationsLock", "platform_data_protection_keys"];
        var ignored = ignoredTables.Select(t => new Respawn.Graph.Table(t)).ToArray();
        respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = PostgresConnectionString is null ? DbAdapter.Sqlite : DbAdapter.Postgres,
            TablesToIgnore = ignored,
            SchemasToInclude = PostgresConnectionString is null ? [] : ["public"],
        });
    }

    /// <summary>An empty site again, set up as on first start (without the demo city).</summary>
    public async Task ResetAsync()
    {
        // What the last test's events left for later (certificates to issue...) is handed over and done first,
        // so none of it lands in the next test's database. Reports to refresh are dropped: the rows go anyway.
        Services.GetRequiredService<Lms.Modules.Reporting.Projection.ReportingQueue>().Forget();
        await SettleAsync();
        await using (var connection = await OpenConnectionAsync())
        {
            if (connection is SqliteConnection)
            {
                // Respawn's SQLite adapter does not order deletes along self-references (the org-unit tree).
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA foreign_keys = OFF;";
                await pragma.ExecuteNonQueryAsync();
            }

            await respawner!.ResetAsync(connection);
        }

        Events.Clear();
        MediaUsages.Clear();
        // Media rows are gone; their files must go too, or a test counting files would see another test's.
        if (Directory.Exists(MediaDirectory))
        {
            Directory.Delete(MediaDirectory, recursive: true);
        }

        await DeleteDirectoryAsync(Path.Combine(DataDirectory, "certificates"));

        // Published course versions are cached by (course, version); ids and numbers repeat after a reset.
        (Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>() as Microsoft.Extensions.Caching.Memory.MemoryCache)?.Clear();
        await RunRecipeAsync(SiteSetup.SetupRecipeFile);
    }

    /// <summary>
    /// Waits until no job is enqueued or running, so a job a test enqueued (a retroactive award, say) cannot write
    /// into the next test's freshly reset database. Jobs are counted by their state (<see cref="JobsInFlight"/>):
    /// one a worker has just taken from its queue is still Enqueued until it turns Processing, so no pause is needed
    /// to see it. Scheduled jobs (a retry later) are not waited for.
    /// </summary>
    public async Task WaitForJobsAsync(TimeSpan? timeout = null)
    {
        if (Services.GetService<Hangfire.JobStorage>() is not { } storage)
        {
            return;
        }

        var monitor = storage.GetMonitoringApi();
        bool Busy() => JobsInFlight.Instance.Count > 0 || monitor.ProcessingCount() > 0 || monitor.Queues().Any(q => q.Length > 0);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Busy())
        {
            if (DateTime.UtcNow >= deadline)
            {
                // A count Hangfire's own view does not bear out (a state change that failed after the filter ran):
                // put it right, so that one wrong count costs one wait, not one per test.
                if (monitor.ProcessingCount() == 0 && monitor.Queues().All(q => q.Length == 0))
                {
                    JobsInFlight.Instance.Clear();
                }

                return;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Deletes a folder of files the site wrote; a file a late job is still writing does not fail the reset.</summary>
    private static async Task DeleteDirectoryAsync(string path)
    {
        for (var attempt = 1; Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task RunRecipeAsync(string fileName) =>
        await Services.GetRequiredService<RecipeRunner>().RunFileAsync(Path.Combine(SiteSetup.RecipesDirectory(Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()), fileName), "tests", default);

    /// <summary>The demo city; smaller than the real one unless a test needs all 500.</summary>
    public async Task SeedDemoAsync(int staff = 120)
    {
        var json = $$"""{"name": "demo-test", "steps": [{"name": "demo-city", "staff": {{staff}}, "password": "Demo-2026!"}]}""";
        await Services.GetRequiredService<RecipeRunner>().RunAsync(json, "tests", "tests", default);
    }

    /// <summary>
    /// The site as its first start leaves it with the demo enabled: the Step-0 curriculum, then the demo city of 500
    /// with its learning history (and what the history's events set off: certificates, badges, reports).
    /// </summary>
    public Task InstallDemoCityAsync() => InstallSnapshotAsync("demo-city", async () =>
    {
        await RunRecipeAsync("step0-dx-mindset.recipe.json");
        await RunRecipeAsync("demo.recipe.json");
    });

    /// <summary>
    /// The state <paramref name="build"/> makes on a freshly reset site, built once per test process and site-local
    /// day under <paramref name="name"/>, then put back from a snapshot of the tables, the site's files and the events
    /// recorded while it was built (the demo city's history takes 25 s on SQLite and a minute on PostgreSQL to play,
    /// its restore about a second). Call it first in a test, before anything the snapshot would overwrite.
    /// </summary>
    public async Task InstallSnapshotAsync(string name, Func<Task> build)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);
        if (snapshots.GetValueOrDefault(name) is { Tables: { } tables } saved && saved.Day == today)
        {
            Services.GetRequiredService<Lms.Modules.Reporting.Projection.ReportingQueue>().Forget();
            await SettleAsync();
            await using (var connection = await OpenConnectionAsync())
            {
                await tables.RestoreAsync(connection);
            }

            foreach (var folder in SnapshotFolders)
            {
                await DeleteDirectoryAsync(Path.Combine(DataDirectory, folder));
                CopyDirectory(Path.Combine(saved.Files, folder), Path.Combine(DataDirectory, folder));
            }

            Events.Replace(saved.Events);
            (Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>() as Microsoft.Extensions.Caching.Memory.MemoryCache)?.Clear();
            return;
        }

        await build();
        await FlushDeferredWorkAsync();
        await WaitForJobsAsync();

        var files = Path.Combine(DataDirectory, "snapshot-" + name);
        await DeleteDirectoryAsync(files);
        foreach (var folder in SnapshotFolders)
        {
            CopyDirectory(Path.Combine(DataDirectory, folder), Path.Combine(files, folder));
        }

        await using (var connection = await OpenConnectionAsync())
        {
            var snapshot = await TableSnapshot.CanRestoreAsync(connection)
                ? await TableSnapshot.SaveAsync(connection, ignoredTables, name, DataDirectory)
                : null; // not a superuser on PostgreSQL: every test builds it again
            snapshots[name] = new SnapshotState(snapshot, today, Events.All, files);
        }
    }

    /// <summary>The site's own files that belong with its tables.</summary>
    private static readonly string[] SnapshotFolders = ["certificates", "media"];

    private static void CopyDirectory(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Runs a recipe given as JSON text (a test's own courses, assignments...).</summary>
    public async Task RunRecipeJsonAsync(string json) =>
        await Services.GetRequiredService<RecipeRunner>().RunAsync(json, "tests", "tests", default);

    /// <summary>Does now what the host would do within seconds: e.g. enrol people a roster import registered.</summary>
    public Task FlushDeferredWorkAsync() =>
        Lms.Framework.Modules.DeferredWorkRunner.FlushAllAsync(Services, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);

    /// <summary>Nothing left running in the background: deferred work handed over and done, no job queued or running.</summary>
    public async Task SettleAsync()
    {
        await FlushDeferredWorkAsync();
        await WaitForJobsAsync();
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>A raw connection to the test database (for tests that must break something on purpose).</summary>
    internal async Task<DbConnection> OpenConnectionAsync()
    {
        var options = Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        DbConnection connection = options.Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the runtime; the OS cleans the temp folder.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<LmsAppFactory>
{
    public const string Name = "site";
}

/// <summary>Base of integration tests: a freshly set-up site before each test.</summary>
[Collection(SiteCollection.Name)]
public abstract class SiteTest(LmsAppFactory factory) : IAsyncLifetime
{
    protected LmsAppFactory Factory { get; } = factory;

    public virtual Task InitializeAsync() => Factory.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
