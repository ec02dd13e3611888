using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Reporting.Domain;

/// <summary>
/// Organisation-wide figures read the whole read model (a million enrolments for a prefecture: about a second to
/// compute): each is computed at most once a minute per process, one computation at a time. A request that finds
/// figures older than a minute gets them at once and starts their recomputation in the background (in a scope of its
/// own), so only the first request after a start waits; figures older than <see cref="Longest"/> are never served.
/// Pages say the figures are as of the minute.
/// </summary>
internal sealed class ReportCache(IMemoryCache cache, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReportCache> logger) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Kept this long without anyone asking; then the next request computes the figures again itself.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);

    private readonly SemaphoreSlim gate = new(1, 1);

    private sealed record Entry<T>(T Value, DateTimeOffset ComputedAt);

    /// <param name="compute">Computes the figures with the services of the scope it is given (the request's, or a new one in the background).</param>
    public async Task<T> GetAsync<T>(string key, Func<IServiceProvider, CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        var id = (nameof(ReportCache), key);
        if (cache.TryGetValue(id, out Entry<T>? found) && found is not null && clock.GetUtcNow() - found.ComputedAt < Longest)
        {
            if (clock.GetUtcNow() - found.ComputedAt >= Lifetime)
            {
                RefreshInBackground(id, compute);
            }

            return found.Value;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryGetValue(id, out found) && found is not null && clock.GetUtcNow() - found.ComputedAt < Lifetime)
            {
                return found.Value; // computed by the request this one waited for
            }

            await using var scope = scopes.CreateAsyncScope();
            var value = await compute(scope.ServiceProvider, cancellationToken);
            Store(id, value);
            return value;
        }
        finally
        {
            gate.Release();
        }
    }

    private void RefreshInBackground<T>((string, string) id, Func<IServiceProvider, CancellationToken, Task<T>> compute)
    {
        if (!gate.Wait(0))
        {
            return; // being computed already
        }

        _ = Task.Run(async () =>
        {
            try
            {
                if (cache.TryGetValue(id, out Entry<T>? found) && found is not null && clock.GetUtcNow() - found.ComputedAt < Lifetime)
                {
                    return; // another request refreshed it just before
                }

                await using var scope = scopes.CreateAsyncScope();
                Store(id, await compute(scope.ServiceProvider, CancellationToken.None));
            }
            catch (Exception e)
            {
                // The figures being served stay as they are; the next request after a minute tries again.
                logger.LogError(e, "Recomputing the report figures {Key} failed", id.Item2);
            }
            finally
            {
                gate.Release();
            }
        });
    }

    public void Dispose() => gate.Dispose();

    private void Store<T>((string, string) id, T value) =>
        cache.Set(id, new Entry<T>(value, clock.GetUtcNow()), Longest); // and dropped from memory after that, unread
}
