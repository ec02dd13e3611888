using Lms.Contracts.Certificates;
using Lms.Contracts.Courses;
using Lms.Contracts.Gamification;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Contracts.Workshops;
using Lms.Framework.Data;
using Lms.Modules.Reporting.Data;
using Lms.Modules.Reporting.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Reporting.Projection;

/// <summary>
/// Recomputes the read-model rows of a set of people (or sessions) from the owning modules' contracts and puts them
/// in place of the old ones, in one transaction per chunk. Recomputing rather than adding up makes a repeated or
/// late event harmless.
/// </summary>
internal sealed class ReadModelWriter(ReportingDbContext db, IMediator mediator, TimeProvider clock, ILogger<ReadModelWriter> logger)
{
    /// <summary>People per chunk: a few set-based queries to the other modules and one transaction each.</summary>
    public const int ChunkSize = 1000;

    /// <summary>One refresh or rebuild chunk at a time in this process, so a rebuild and a live refresh never interleave.</summary>
    internal static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<int> RefreshPeopleAsync(IReadOnlyCollection<Guid> staffIds, CancellationToken cancellationToken)
    {
        var written = 0;
        var courses = (await mediator.Send(new GetPublishedCourses(), cancellationToken)).ToDictionary(c => c.Id);
        foreach (var chunk in staffIds.Distinct().Chunk(ChunkSize))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var facts = await GatherAsync(chunk, courses, cancellationToken);
            var gathered = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var rows = Projector.Project(facts, clock.GetUtcNow());
            var projected = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            await ReplaceAsync(chunk, rows, cancellationToken);
            written += rows.People.Count;
            logger.LogInformation("Reports of {Count} people refreshed: facts {Gather} ms, projection {Project} ms, rows written {Write} ms",
                chunk.Length, (long)gathered.TotalMilliseconds, (long)(projected - gathered).TotalMilliseconds, (long)(System.Diagnostics.Stopwatch.GetElapsedTime(started) - projected).TotalMilliseconds);
        }

        return written;
    }

    public async Task<int> RefreshSessionsAsync(IReadOnlyCollection<Guid>? sessionIds, CancellationToken cancellationToken)
    {
        var sessions = await mediator.Send(new GetWorkshopAttendance(sessionIds), cancellationToken);
        var rows = sessions.Select(s => new ReportSession
        {
            SessionId = s.SessionId,
            ActivityId = s.ActivityId,
            CourseId = s.CourseId,
            StartsAt = Projector.Milliseconds(s.StartsAt)!.Value,
            Cancelled = s.Cancelled,
            Seated = s.Seated,
            Attended = s.AttendedStaffIds.Count,
        }).ToList();
        await InGateAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (sessionIds is null)
            {
                await db.Sessions.ExecuteDeleteAsync(cancellationToken);
            }
            else
            {
                var ids = sessionIds.ToList();
                await db.Sessions.Where(s => ids.Contains(s.SessionId)).ExecuteDeleteAsync(cancellationToken);
            }

            await db.InsertIgnoringDuplicatesAsync(rows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
        return rows.Count;
    }

    private async Task<PeopleFacts> GatherAsync(IReadOnlyCollection<Guid> ids, IReadOnlyDictionary<Guid, PublishedCourse> courses, CancellationToken cancellationToken) =>
        new(
            await mediator.Send(new GetStaffPlacements(ids), cancellationToken),
            await mediator.Send(new GetStaffNames(ids), cancellationToken),
            await mediator.Send(new GetLearningRecords(ids), cancellationToken),
            courses,
            await mediator.Send(new GetBadgeAwards(ids), cancellationToken),
            await mediator.Send(new GetValidCertificates(ids), cancellationToken),
            await mediator.Send(new GetSurveyResponses(ids), cancellationToken));

    private async Task ReplaceAsync(Guid[] chunk, PeopleRows rows, CancellationToken cancellationToken) =>
        await InGateAsync(async () =>
        {
            // Two nodes may refresh the same person at once: inserts that meet the other's rows are skipped (same facts).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.People.Where(p => chunk.Contains(p.StaffId)).ExecuteDeleteAsync(cancellationToken);
            await db.Enrolments.Where(e => chunk.Contains(e.StaffId)).ExecuteDeleteAsync(cancellationToken);
            await db.SurveyAnswers.Where(a => chunk.Contains(a.StaffId)).ExecuteDeleteAsync(cancellationToken);
            await db.Readiness.Where(a => chunk.Contains(a.StaffId)).ExecuteDeleteAsync(cancellationToken);
            await db.InsertIgnoringDuplicatesAsync(rows.People, cancellationToken);
            await db.InsertIgnoringDuplicatesAsync(rows.Enrolments, cancellationToken);
            await db.InsertIgnoringDuplicatesAsync(rows.Answers, cancellationToken);
            await db.InsertIgnoringDuplicatesAsync(rows.Readiness, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

    private static async Task InGateAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        finally
        {
            Gate.Release();
        }
    }
}
