using System.Diagnostics;
using Lms.Framework.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lms.Framework.Recipes;

/// <summary>Migrations, then first-start recipes, then recurring-job schedules: before the server listens, one node at a time (<see cref="StartupLock"/>).</summary>
public static class PlatformInitialization
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Lms.Startup");
        var started = Stopwatch.GetTimestamp();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        await using var startupLock = await StartupLock.AcquireAsync(options, logger, cancellationToken);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        await Data.Platform.KeyImport.RunAsync(services, options, logger, cancellationToken);
        logger.LogInformation("Database ready after {ElapsedMs:0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (await services.GetRequiredService<SiteSetup>().RunIfFirstStartAsync(cancellationToken))
        {
            logger.LogInformation("First-start set-up finished after {ElapsedMs:0} ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            foreach (var task in scope.ServiceProvider.GetServices<Modules.IStartupTask>())
            {
                await task.RunAsync(cancellationToken);
            }
        }

        await Jobs.HangfireSetup.RegisterRecurringJobsAsync(services, cancellationToken);
    }
}

/// <summary>Runs <see cref="PlatformInitialization"/> in the host's "starting" phase, before any other hosted service starts.</summary>
internal sealed class PlatformInitializationService(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => PlatformInitialization.InitializeAsync(services, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
