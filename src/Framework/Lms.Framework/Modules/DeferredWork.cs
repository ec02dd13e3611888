using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lms.Framework.Modules;

/// <summary>
/// Work a module collects from many events and does in bulk (e.g. enrolling the 5,000 people a
/// roster import registered, in a few set-based passes rather than 5,000 transactions). Flushed every
/// few seconds by the web host, when the host stops, and after every command-line command. A crash
/// loses what was pending, so each kind of deferred work must also have a recurring job that
/// reconciles from the data itself.
/// </summary>
public interface IDeferredWork
{
    Task FlushAsync(IServiceProvider services, CancellationToken cancellationToken);
}

public static class DeferredWorkRunner
{
    public static async Task FlushAllAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var work in services.GetServices<IDeferredWork>())
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await work.FlushAsync(scope.ServiceProvider, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The reconciling job will catch up; one failing kind of work must not block the others.
                logger.LogError(e, "Deferred work {Work} failed", work.GetType().Name);
            }
        }
    }
}

internal sealed class DeferredWorkService(IServiceProvider services, ILogger<DeferredWorkService> logger, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await DeferredWorkRunner.FlushAllAsync(services, logger, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping: the final flush follows
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await DeferredWorkRunner.FlushAllAsync(services, logger, cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // A host torn down in the wrong order (test hosts): the daily reconciliation covers what was pending.
            logger.LogWarning("Deferred work could not be flushed at shutdown: the service provider was already disposed");
        }
    }
}
