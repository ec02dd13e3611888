using System.Collections.Concurrent;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Framework.Jobs;
using Lms.Framework.Modules;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Learning.Features.SyncEnrolments;

/// <summary>
/// People whose enrolments need another look, collected from staff events and enrolled in bulk: a
/// roster import of 5,000 newcomers becomes a few set-based passes, not 5,000 transactions.
/// What a crash loses, the daily <c>sync-enrolments</c> job puts right.
/// </summary>
internal sealed class EnrolmentSyncQueue : IDeferredWork, IDisposable
{
    private const int Batch = 2000;
    private readonly ConcurrentDictionary<Guid, byte> pending = new();
    private volatile bool everyone;
    private readonly SemaphoreSlim gate = new(1, 1);

    public void Add(Guid staffId) => pending.TryAdd(staffId, 0);

    public void Dispose() => gate.Dispose();

    public void AddEveryone() => everyone = true;

    public async Task FlushAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var sync = services.GetRequiredService<EnrolmentSync>();
            if (everyone)
            {
                everyone = false;
                pending.Clear();
                await sync.SyncAsync(null, cancellationToken);
                await services.GetRequiredService<Learn.CourseCompletionSweep>().RunAsync(cancellationToken);
                return;
            }

            while (!pending.IsEmpty)
            {
                var ids = pending.Keys.Take(Batch).ToList();
                foreach (var id in ids)
                {
                    pending.TryRemove(id, out _);
                }

                await sync.SyncAsync(ids, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }
}

internal sealed class OnStaffRegistered(EnrolmentSyncQueue queue) : INotificationHandler<StaffRegistered>
{
    public Task Handle(StaffRegistered notification, CancellationToken cancellationToken)
    {
        queue.Add(notification.StaffId);
        return Task.CompletedTask;
    }
}

internal sealed class OnStaffChanged(EnrolmentSyncQueue queue) : INotificationHandler<StaffChanged>
{
    public Task Handle(StaffChanged notification, CancellationToken cancellationToken)
    {
        queue.Add(notification.StaffId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A course published for the first time may have assignments waiting for it; a new version may have
/// dropped the last activity someone had left (their course is complete now).
/// </summary>
internal sealed class OnCoursePublished(EnrolmentSyncQueue queue) : INotificationHandler<CoursePublished>
{
    public Task Handle(CoursePublished notification, CancellationToken cancellationToken)
    {
        queue.AddEveryone();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The daily reconciliation: enrolments from the assignments and the roster as they are now, and
/// course completions that a crash or a new version left unrecorded.
/// </summary>
internal sealed class SyncEnrolmentsJob(EnrolmentSync sync, Learn.CourseCompletionSweep sweep) : IRecurringJob
{
    public const string Id = "sync-enrolments";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var outcome = await sync.SyncAsync(null, cancellationToken);
        var completed = await sweep.RunAsync(cancellationToken);
        return $"{outcome.Enrolled} enrolled, {outcome.Updated} updated, {outcome.Withdrawn} withdrawn, {completed} courses completed";
    }
}
