using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ImportRoster;

internal sealed record ImportOutcome(int Created, int Updated, int Moved, int Deactivated, int Unchanged, IReadOnlyList<RosterError> Errors)
{
    public bool ChangedNothing => Created + Updated + Moved + Deactivated == 0;
}

/// <summary>
/// Applies a roster file that passed its own checks, in two passes over the file so that memory does not grow with
/// it (ADR 0008): the checking pass left only <see cref="RosterKeys"/>; here come the checks that need the database,
/// then a second read of the file that writes every change in batches inside one transaction (all or nothing), then
/// the events. Importing the same file twice changes nothing the second time.
/// </summary>
internal sealed class RosterImporter(OrganizationDbContext db, AuditTrail audit, RosterImportLock importLock, IMediator mediator,
    IStringLocalizer<OrganizationStrings> T, TimeProvider clock)
{
    /// <summary>
    /// Rows written per SaveChanges; the change tracker is emptied after each, so memory stays flat. Measured, not
    /// guessed (docs/benchmarks.md): with 1,000 a batch's entities and commands outlive the collector's youngest
    /// generation and the heap grows with the file; 250 keeps the 50,000-row peak near the 10,000-row one.
    /// </summary>
    private const int BatchSize = 250;

    /// <param name="open">Opens the file again, for the applying pass.</param>
    /// <param name="file">What the checking pass found: no errors.</param>
    /// <param name="import">The import record, which must hold the import lock; its outcome is written in the same transaction as the changes.</param>
    public async Task<ImportOutcome> ApplyAsync(Func<Stream> open, RosterFile file, RosterKeys keys, RosterImport import, CancellationToken ct)
    {
        var errors = await new RosterChecks(db, T).RunAsync(file, keys, import.FullImport, ct);
        if (errors.Count > 0)
        {
            return new ImportOutcome(0, 0, 0, 0, 0, errors);
        }

        var actor = import.RequestedBy ?? "system";
        var now = clock.GetUtcNow();
        RosterRun run;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await importLock.HoldAsync(import.Id, ct);
            var units = await RosterUnits.EnsureAsync(db, audit, keys.UnitPaths, now, actor, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var roleIds = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, StringComparer.Ordinal, ct);
            run = new RosterRun(db, audit, T, units, roleIds[RoleNames.Staff], roleIds[RoleNames.Manager], actor, now);
            var upsert = new RosterUpsert(run, file.HasManagedUnitsColumn, file.HasBirthYearColumn);
            await upsert.ReleaseEmailsAsync(keys, ct);
            await ReadAgainAndApplyAsync(open, file, keys, upsert, ct);
            if (import.FullImport)
            {
                await RosterDeactivation.DeactivateMissingAsync(run, keys, ct);
            }

            audit.Record("roster.imported", "roster", null,
                T["{0}: {1} created, {2} updated, {3} moved, {4} deactivated, {5} unchanged", import.FileName, run.Created, run.Updated, run.Moved, run.Deactivated, run.Unchanged], actor);
            await RecordOutcomeAsync(import.Id, run.Outcome, now, ct);
            await run.FlushAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            // Whatever happened, the context goes back to normal for the caller (who records a failure).
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        foreach (var notification in run.Events)
        {
            await mediator.Publish(notification, CancellationToken.None); // committed: deliver even if the caller has gone
        }

        return run.Outcome;
    }

    /// <summary>The second pass: the same rows as the first, in batches.</summary>
    private async Task ReadAgainAndApplyAsync(Func<Stream> open, RosterFile file, RosterKeys keys, RosterUpsert upsert, CancellationToken ct)
    {
        var batch = new List<RosterRow>(BatchSize);
        RosterFile reread;
        await using (var stream = open())
        {
            reread = await RosterReader.ReadAsync(stream, file.Encoding, T, clock, async row =>
            {
                if (!keys.Matches(row))
                {
                    throw new InvalidOperationException($"Line {row.Line} of the roster differs from the line that was checked.");
                }

                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    await upsert.ApplyAsync(batch, ct);
                    batch.Clear();
                }
            }, findDuplicates: false, cancellationToken: ct); // keys.Matches stands in for the duplicate checks
        }

        if (!reread.IsValid || reread.DataRowCount != file.DataRowCount)
        {
            // Throwing rolls the transaction back: checks made on one file must not let another one in.
            throw new InvalidOperationException("The roster file changed between its check and its apply.");
        }

        if (batch.Count > 0)
        {
            await upsert.ApplyAsync(batch, ct);
        }
    }

    /// <summary>The outcome commits with the changes: after a crash, a re-run sees "succeeded", never "nothing changed".</summary>
    private async Task RecordOutcomeAsync(Guid importId, ImportOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var record = await db.RosterImports.FirstAsync(i => i.Id == importId, ct);
        record.Status = RosterImportStatus.Succeeded;
        (record.Created, record.Updated, record.Moved, record.Deactivated, record.Unchanged) =
            (outcome.Created, outcome.Updated, outcome.Moved, outcome.Deactivated, outcome.Unchanged);
        record.Message = outcome.ChangedNothing ? T["Nothing changed: the roster was already up to date."] : T["The roster was imported."];
        record.ErrorsJson = "[]";
        record.FinishedAt = now;
    }
}
