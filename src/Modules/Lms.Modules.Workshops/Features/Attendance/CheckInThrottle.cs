using System.Collections.Concurrent;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>
/// Stops guessing of check-in codes: per person, a fixed window of <see cref="Limit"/> failed attempts per
/// <see cref="Window"/>; once they are used up every attempt is refused until the window ends. Successes
/// are given back, so someone who checks in to several sessions is never held up. An attempt takes its slot
/// before the code is looked at, so parallel guesses cannot slip past the limit.
/// In memory, per process: a person's guesses all go to one site process in the deployments this serves,
/// and a restart giving a fresh window changes nothing against 26^6 codes.
/// </summary>
public sealed class CheckInThrottle(TimeProvider clock)
{
    public const int Limit = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private const int PruneAbove = 10_000;

    internal sealed class Bucket
    {
        public DateTimeOffset Start;
        public int Used;
    }

    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    /// <summary>Takes a slot; null when none is left (then <paramref name="retryAfter"/> says for how long).</summary>
    internal Lease? TryAcquire(string person, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        if (buckets.Count > PruneAbove)
        {
            Prune(now);
        }

        var bucket = buckets.GetOrAdd(person, _ => new Bucket { Start = now });
        lock (bucket)
        {
            if (now - bucket.Start >= Window)
            {
                bucket.Start = now;
                bucket.Used = 0;
            }

            if (bucket.Used >= Limit)
            {
                retryAfter = bucket.Start + Window - now;
                return null;
            }

            bucket.Used++;
            retryAfter = TimeSpan.Zero;
            return new Lease(bucket);
        }
    }

    /// <summary>Forgets every window (tests start clean; an operator could too).</summary>
    internal void Clear() => buckets.Clear();

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, bucket) in buckets)
        {
            if (now - bucket.Start >= Window)
            {
                buckets.TryRemove(key, out _);
            }
        }
    }

    /// <summary>An attempt's slot: kept when the attempt failed, given back when it succeeded.</summary>
    internal sealed class Lease(Bucket bucket)
    {
        private bool returned;

        public void Return()
        {
            lock (bucket)
            {
                if (!returned && bucket.Used > 0)
                {
                    bucket.Used--;
                    returned = true;
                }
            }
        }
    }
}
