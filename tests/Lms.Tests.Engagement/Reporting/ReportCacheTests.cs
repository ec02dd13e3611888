using Lms.Modules.Reporting.Domain;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lms.Tests.Reporting;

/// <summary>Organisation-wide figures: computed once a minute at most, and after a minute served at once while they are recomputed.</summary>
public sealed class ReportCacheTests
{
    [Fact]
    public async Task Figures_older_than_a_minute_are_served_at_once_and_recomputed_in_the_background()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var services = new ServiceCollection().BuildServiceProvider();
        using var memory = new MemoryCache(new MemoryCacheOptions());
        using var cache = new ReportCache(memory, services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<ReportCache>.Instance);
        var computed = 0;
        var release = new TaskCompletionSource();
        Task<int> Compute(IServiceProvider _, CancellationToken __) => Interlocked.Increment(ref computed) == 2 ? WaitThen(2) : Task.FromResult(computed);
        async Task<int> WaitThen(int value)
        {
            await release.Task;
            return value;
        }

        Assert.Equal(1, await cache.GetAsync("k", Compute, default));
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, await cache.GetAsync("k", Compute, default)); // within the minute: not computed again
        Assert.Equal(1, computed);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await cache.GetAsync("k", Compute, default)); // stale: answered at once with what there is...
        Assert.Equal(1, await cache.GetAsync("k", Compute, default)); // ...and one recomputation, not one per request
        release.SetResult();
        for (var waited = 0; waited < 100 && await cache.GetAsync("k", Compute, default) != 2; waited++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, await cache.GetAsync("k", Compute, default));
        Assert.Equal(2, computed);

        clock.Advance(ReportCache.Longest);
        Assert.Equal(3, await cache.GetAsync("k", Compute, default)); // too old to serve: computed before answering
    }
}
