using System.Collections.Concurrent;
using Hangfire;
using Lms.Contracts.Learning;
using Lms.Framework.Jobs;
using Lms.Framework.Modules;
using Lms.Modules.Certificates.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Certificates.Features.Issue;

/// <summary>
/// Course completed → the completion joins <see cref="CertificateQueue"/>, which hands what gathered to a Hangfire job
/// every couple of seconds: one completion becomes one job within seconds, a burst (a recipe's history, a bulk
/// sign-off of a workshop) becomes a few batch jobs instead of hundreds. Completing a course stays fast, and a
/// failure is retried by Hangfire; what a crash loses before the hand-over, the hourly reconcile job issues.
/// </summary>
internal sealed class OnCourseCompleted(CertificateQueue queue) : INotificationHandler<CourseCompleted>
{
    public Task Handle(CourseCompleted notification, CancellationToken cancellationToken)
    {
        queue.Add(new CourseCompletion(notification.StaffId, notification.CourseId, notification.CourseVersion, notification.CompletedAt));
        return Task.CompletedTask;
    }
}

internal sealed class CertificateQueue(IBackgroundJobClient jobs) : IDeferredWork
{
    /// <summary>Completions a job takes at most (its arguments are stored with the job).</summary>
    public const int JobSize = 200;

    private readonly ConcurrentQueue<CourseCompletion> pending = new();

    public void Add(CourseCompletion completion) => pending.Enqueue(completion);

    public Task FlushAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var batch = new List<CourseCompletion>(JobSize);
        while (pending.TryDequeue(out var completion))
        {
            batch.Add(completion);
            if (batch.Count == JobSize)
            {
                Enqueue(batch);
                batch = new List<CourseCompletion>(JobSize);
            }
        }

        if (batch.Count > 0)
        {
            Enqueue(batch);
        }

        return Task.CompletedTask;
    }

    private void Enqueue(List<CourseCompletion> batch)
    {
        var completions = batch.ToArray();
        jobs.Enqueue<IssueCertificateJob>(job => job.RunBatchAsync(completions, CancellationToken.None));
    }
}

internal sealed class IssueCertificateJob(CertificateIssuer issuer)
{
    /// <summary>One completion's certificate, and any programme certificate the person has now earned.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid staffId, Guid courseId, int courseVersion, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        await issuer.IssueForCourseAsync(staffId, courseId, courseVersion, completedAt, cancellationToken);
        await issuer.IssueForProgrammesAsync(staffId, cancellationToken);
    }

    /// <summary>The certificates of a batch of completions (in batches of 50), then the programmes of the people in it.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task RunBatchAsync(CourseCompletion[] completions, CancellationToken cancellationToken)
    {
        foreach (var chunk in completions.Chunk(50))
        {
            await issuer.IssueForCoursesAsync(chunk, cancellationToken);
        }

        await issuer.IssueForProgrammesAsync(completions.Select(c => c.StaffId).Distinct().ToList(), cancellationToken);
    }
}

/// <summary>
/// The safety net (hourly, and <c>jobs run certificates-reconcile</c>): every completed enrolment without its
/// certificate gets one, every finished programme without its certificate too. Catches completions whose job was
/// lost (a crash between the completion and the enqueue) and issues for history imported before this module.
/// Work is spread over the machine's cores, each worker in a scope of its own.
/// </summary>
internal sealed class ReconcileCertificatesJob(CertificatesDbContext db, IMediator mediator, IServiceScopeFactory scopes, Storage.CertificateStore store, TimeProvider clock, ILogger<ReconcileCertificatesJob> logger) : IRecurringJob
{
    public const string Id = "certificates-reconcile";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var records = await mediator.Send(new GetLearningRecords(null, IncludeCompletions: false), cancellationToken);
        var completions = records.Enrolments.Where(e => e.CompletedAt is not null).ToList();
        var existing = (await db.Certificates.AsNoTracking().Where(c => c.Kind == CertificateKind.Course).Select(c => c.IssueKey).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var missing = completions.Where(e => !existing.Contains(CertificateIssuer.CourseIssueKey(e.StaffId, e.CourseId, e.CompletedAt!.Value))).ToList();

        // Batches of 50, as many at once as there are cores, each in a scope (and a transaction) of its own.
        var issued = 0;
        var failed = 0;
        var batches = missing.Select(e => new CourseCompletion(e.StaffId, e.CourseId, e.CompletedVersion ?? 0, e.CompletedAt!.Value)).Chunk(50).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var issuer = scope.ServiceProvider.GetRequiredService<CertificateIssuer>();
            try
            {
                Interlocked.Add(ref issued, await issuer.IssueForCoursesAsync(batch, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Interlocked.Add(ref failed, batch.Length);
                logger.LogError(e, "A batch of {Count} certificates could not be issued (first: {StaffId} on course {CourseId})", batch.Length, batch[0].StaffId, batch[0].CourseId);
            }
        });

        // Programmes: everyone with a completed course, a thousand people at a time (the issuer reads each set once).
        var programmes = 0;
        foreach (var chunk in completions.Select(e => e.StaffId).Distinct().Chunk(1000))
        {
            await using var scope = scopes.CreateAsyncScope();
            programmes += (await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().IssueForProgrammesAsync(chunk, cancellationToken)).Count;
        }

        // Prepared ZIPs hold names and employee numbers: they go after a week.
        var expired = await db.Exports.Where(x => x.CreatedAt < clock.GetUtcNow() - Admin.CertificateExports.KeptFor).Select(x => new { x.Id, x.FileKey }).ToListAsync(cancellationToken);
        foreach (var export in expired)
        {
            if (export.FileKey is { } key)
            {
                store.Delete(key);
            }
        }

        var expiredIds = expired.Select(x => x.Id).ToList();
        await db.Exports.Where(x => expiredIds.Contains(x.Id)).ExecuteDeleteAsync(cancellationToken);

        return $"{completions.Count} completions, {issued} course certificates issued now, {failed} failed; {programmes} programme certificates issued or confirmed, {expired.Count} old ZIPs deleted; took {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s";
    }
}
