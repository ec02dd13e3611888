using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Lms.Framework.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lms.Framework.Jobs;

internal static class HangfireSetup
{
    public static void AddLmsHangfire(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database, bool runServer)
    {
        var storage = configuration["Lms:Jobs:Storage"] ?? "Database";
        services.AddHangfire((sp, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            JobTelemetryFilter.UseJobTelemetry(config);
            if (string.Equals(storage, "InMemory", StringComparison.OrdinalIgnoreCase))
            {
                config.UseInMemoryStorage();
            }
            else if (database.Provider == DatabaseProvider.Postgres)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString), PostgresStorageOptions(configuration));
            }
            else
            {
                Directory.CreateDirectory(database.DataDirectory);
                // A file of its own: Hangfire's polling never contends with the site's writes.
                config.UseSQLiteStorage(Path.Combine(database.DataDirectory, "hangfire.db"), new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(2),
                });
            }
        });

        if (runServer && configuration.GetValue("Lms:Jobs:ServerEnabled", true))
        {
            services.AddHangfireServer((sp, options) =>
            {
                options.WorkerCount = configuration.GetValue("Lms:Jobs:WorkerCount", Math.Max(2, Environment.ProcessorCount * 2));
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }
    }

    /// <summary>Registers (or updates) every module's recurring job with its configured schedule.</summary>
    public static async Task RegisterRecurringJobsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var manager = services.GetRequiredService<IRecurringJobManager>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Lms.Jobs");
        TimeZoneInfo timeZone;
        await using (var scope = services.CreateAsyncScope())
        {
            // Schedules ("Monday 08:00") are in the site's time zone, the one the settings recipe sets.
            timeZone = (await scope.ServiceProvider.GetRequiredService<Settings.ISiteSettingsService>().GetAsync(cancellationToken)).TimeZone;
        }

        foreach (var definition in services.GetServices<RecurringJobDefinition>())
        {
            var cron = configuration[$"Lms:Jobs:Schedules:{definition.Id}"] ?? definition.Cron;
            if (string.Equals(cron, "never", StringComparison.OrdinalIgnoreCase))
            {
                manager.RemoveIfExists(definition.Id);
                logger.LogInformation("Recurring job {JobId} is switched off by configuration", definition.Id);
                continue;
            }

            var id = definition.Id;
            manager.AddOrUpdate<RecurringJobInvoker>(id, invoker => invoker.RunAsync(id, CancellationToken.None), cron, new RecurringJobOptions { TimeZone = timeZone });
        }
    }

    /// <summary>Hangfire's tables in the schema "hangfire" of the site's own PostgreSQL database.</summary>
    internal static PostgreSqlStorageOptions PostgresStorageOptions(IConfiguration configuration) => new()
    {
        SchemaName = "hangfire",
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = TimeSpan.FromSeconds(5),
        // A job taken by a node that dies goes back to the queue after this time (Hangfire's default is 30 minutes);
        // a live node keeps its running jobs' claims fresh, so a long job is not taken twice.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = configuration.GetValue("Lms:Jobs:InvisibilityTimeout", TimeSpan.FromMinutes(5)),
    };
}
