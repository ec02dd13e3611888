using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Framework.Jobs;

/// <summary>A recurring job of a module. Returns a one-line summary of what it did (shown by <c>jobs run</c> and in logs).</summary>
public interface IRecurringJob
{
    Task<string> RunAsync(CancellationToken cancellationToken);
}

/// <param name="Id">Stable id, used by Hangfire, the dashboard and <c>-- jobs run &lt;id&gt;</c>.</param>
/// <param name="Cron">Default schedule; <c>Lms:Jobs:Schedules:&lt;id&gt;</c> overrides it ("never" switches it off).</param>
public sealed record RecurringJobDefinition(string Id, Type JobType, string Cron, string Description);

public static class RecurringJobServiceCollectionExtensions
{
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron, string description)
        where TJob : class, IRecurringJob
    {
        services.AddScoped<TJob>();
        services.AddSingleton(new RecurringJobDefinition(id, typeof(TJob), cron, description));
        return services;
    }
}

/// <summary>What Hangfire calls: one entry point for every recurring job, resolved by id in a fresh scope.</summary>
public sealed class RecurringJobInvoker(IServiceScopeFactory scopeFactory, IEnumerable<RecurringJobDefinition> definitions)
{
    [DisplayName("{0}")]
    public async Task<string> RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var definition = definitions.FirstOrDefault(d => d.Id == jobId)
            ?? throw new InvalidOperationException($"No recurring job with id '{jobId}'.");
        await using var scope = scopeFactory.CreateAsyncScope();
        var job = (IRecurringJob)scope.ServiceProvider.GetRequiredService(definition.JobType);
        return await job.RunAsync(cancellationToken);
    }
}
