using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Reporting.Domain;

/// <summary>
/// Organisation-wide figures read the whole read model (a million enrolments for a prefecture): each is computed at
/// most once a minute per process, and while it is being computed other requests wait for it instead of computing it
/// again. Pages say the figures are as of the minute.
/// </summary>
internal sealed class ReportCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute, CancellationToken cancellationToken)
    {
        var entry = (nameof(ReportCache), key);
        if (cache.TryGetValue(entry, out T? found) && found is not null)
        {
            return found;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryGetValue(entry, out found) && found is not null)
            {
                return found;
            }

            var value = await compute();
            cache.Set(entry, value, Lifetime);
            return value;
        }
        finally
        {
            Gate.Release();
        }
    }
}
