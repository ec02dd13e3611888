using Hangfire;
using Hangfire.States;
using Hangfire.Storage;

namespace Lms.Tests.Infrastructure;

/// <summary>
/// How many background jobs are Enqueued or Processing in this process, counted as their state changes (a global
/// Hangfire filter: Hangfire's configuration is process-wide, and so is the one site a test process runs).
/// </summary>
public sealed class JobsInFlight : IApplyStateFilter
{
    private static readonly Lock Registration = new();
    private int count;

    private JobsInFlight()
    {
    }

    public static JobsInFlight Instance { get; } = Register();

    public int Count => Volatile.Read(ref count);

    /// <summary>Starts again from zero (when Hangfire's monitoring shows nothing in flight and the count says otherwise).</summary>
    public void Clear() => Interlocked.Exchange(ref count, 0);

    private static JobsInFlight Register()
    {
        lock (Registration)
        {
            var filter = new JobsInFlight();
            GlobalJobFilters.Filters.Add(filter);
            return filter;
        }
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (InFlight(context.NewState.Name))
        {
            Interlocked.Increment(ref count);
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (InFlight(context.OldStateName))
        {
            Interlocked.Decrement(ref count);
        }
    }

    private static bool InFlight(string? state) => state == EnqueuedState.StateName || state == ProcessingState.StateName;
}
