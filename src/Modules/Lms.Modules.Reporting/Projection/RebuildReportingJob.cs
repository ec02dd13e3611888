using Hangfire;
using Lms.Contracts.Organization;
using Lms.Framework.Jobs;
using Lms.Framework.Modules;
using Lms.Modules.Reporting.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Reporting.Projection;

/// <summary>
/// <c>reporting-rebuild</c> (nightly, and <c>jobs run reporting-rebuild</c>): recomputes every read-model row from
/// the owning modules' data with the same projector the events use, a thousand people per transaction (memory stays
/// flat for a prefecture), then removes the rows of people who are no longer on the roster. After a bug fix, or
/// history loaded without events, this puts the reports right.
/// </summary>
internal sealed class RebuildReportingJob(ReportingDbContext db, IMediator mediator, ReadModelWriter writer, TimeProvider clock) : IRecurringJob
{
    public const string Id = "reporting-rebuild";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var run = new ReportRebuild { Id = Guid.CreateVersion7(), StartedAt = Domain.Projector.Milliseconds(started)!.Value };
        db.Rebuilds.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var staff = (await mediator.Send(new GetStaffPlacements(), cancellationToken)).Select(p => p.StaffId).ToList();
        var people = await writer.RefreshPeopleAsync(staff, cancellationToken);

        // Everyone on the roster was just written (UpdatedAt ≥ start); older rows belong to people no longer there.
        var stale = await db.People.Where(p => p.UpdatedAt < run.StartedAt).Select(p => p.StaffId).ToListAsync(cancellationToken);
        foreach (var chunk in stale.Chunk(ReadModelWriter.ChunkSize))
        {
            await db.Enrolments.Where(e => chunk.Contains(e.StaffId)).ExecuteDeleteAsync(cancellationToken);
            await db.SurveyAnswers.Where(a => chunk.Contains(a.StaffId)).ExecuteDeleteAsync(cancellationToken);
            await db.Readiness.Where(a => chunk.Contains(a.StaffId)).ExecuteDeleteAsync(cancellationToken);
            await db.People.Where(p => chunk.Contains(p.StaffId)).ExecuteDeleteAsync(cancellationToken);
        }

        var sessions = await writer.RefreshSessionsAsync(null, cancellationToken);
        var enrolments = await db.Enrolments.CountAsync(cancellationToken);
        var seconds = (clock.GetUtcNow() - started).TotalSeconds;
        run.FinishedAt = Domain.Projector.Milliseconds(clock.GetUtcNow());
        run.Summary = $"{people} people, {enrolments} assigned courses, {sessions} workshop sessions recomputed; {stale.Count} people no longer on the roster removed; took {seconds:0.0} s";
        await db.SaveChangesAsync(cancellationToken);
        return run.Summary;
    }
}

/// <summary>
/// A site that gains this module (or a new one) gets its read models filled once, in the background. A marker row
/// with a fixed id is inserted first: of several processes starting (a node's restarts, the CLI, two nodes) only the
/// one that inserted it queues the rebuild.
/// </summary>
internal sealed class FirstRebuild(ReportingDbContext db, IBackgroundJobClient jobs, TimeProvider clock) : IStartupTask
{
    public static readonly Guid MarkerId = Lms.Framework.Data.StableGuid.From("reporting:first-rebuild");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = Domain.Projector.Milliseconds(clock.GetUtcNow())!.Value;
        var marker = new ReportRebuild { Id = MarkerId, StartedAt = now, FinishedAt = now, Summary = "first rebuild queued" };
        if (await Lms.Framework.Data.BulkInsert.InsertIgnoringDuplicatesAsync(db, [marker], cancellationToken) == 1)
        {
            jobs.Enqueue<RebuildReportingJob>(job => job.RunAsync(CancellationToken.None));
        }
    }
}
