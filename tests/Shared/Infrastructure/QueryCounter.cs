using System.Diagnostics;

namespace Lms.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core executes while it is alive (every context, every module), through
/// EF's diagnostic events. For "this page costs a bounded number of queries" tests: measure with
/// <see cref="CountAsync"/>, which keeps the site's background work out of the figure.
/// </summary>
public sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    /// <summary>
    /// The queries <paramref name="block"/> makes: the site settled first (deferred work and jobs done), then the fewest
    /// of <paramref name="runs"/> runs. The counter hears every query of the process, and work an earlier step left
    /// behind (badges, certificates, the reports' read model) may run beside one run, never below it. A block whose
    /// first run must be the one measured (a cache expected warm) asks for one run.
    /// </summary>
    public static async Task<int> CountAsync(LmsAppFactory factory, Func<Task> block, int runs = 3)
    {
        await factory.SettleAsync();
        using var counter = new QueryCounter();
        var fewest = int.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            counter.Reset();
            await block();
            fewest = Math.Min(fewest, counter.Count);
        }

        return fewest;
    }

    private readonly IDisposable subscription;
    private readonly List<IDisposable> listeners = [];
    private int count;

    public QueryCounter() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (listeners)
            {
                listeners.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted")
        {
            Interlocked.Increment(ref count);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        subscription.Dispose();
        lock (listeners)
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
