using System.Data.Common;
using Lms.Modules.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// One roster import at a time, whoever starts it: the Hangfire job, the command line, another node. Two imports
/// checked side by side could each keep "one administrator" active and together deactivate both, so the database
/// holds the lock: a unique partial index lets at most one import be <see cref="RosterImportStatus.Running"/>.
/// </summary>
internal sealed class RosterImportLock(OrganizationDbContext db, IStringLocalizer<OrganizationStrings> T, TimeProvider clock)
{
    /// <summary>
    /// A run that died without finishing (a killed process) leaves its import Running. After this long it no longer
    /// blocks the next one: far above the minute a 50,000-row import takes. A Hangfire re-run takes over its own import at once.
    /// </summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(30);

    /// <summary>Marks the import Running unless another one is.</summary>
    /// <returns>Null when this import now holds the lock (or already did); otherwise the import that holds it.</returns>
    public async Task<RosterImport?> TryTakeAsync(Guid importId, CancellationToken ct)
    {
        // Look before writing: on SQLite a write would wait for a running import's transaction to end.
        var now = clock.GetUtcNow();
        var abandoned = now - AbandonedAfter;
        var holder = await HolderAsync(importId, ct);
        if (holder is not null && holder.StartedAt >= abandoned)
        {
            return holder;
        }

        try
        {
            if (holder is not null)
            {
                await db.RosterImports.Where(i => i.Id == holder.Id && i.Status == RosterImportStatus.Running && i.StartedAt < abandoned)
                    .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, RosterImportStatus.Failed)
                        .SetProperty(i => i.Message, (string)T["The import was interrupted and changed nothing."])
                        .SetProperty(i => i.FinishedAt, now), ct);
            }

            await db.RosterImports
                .Where(i => i.Id == importId && (i.Status == RosterImportStatus.Pending || i.Status == RosterImportStatus.Running))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, RosterImportStatus.Running)
                    .SetProperty(i => i.StartedAt, now).SetProperty(i => i.ProcessedRows, 0), ct);
            return null;
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            // Another import started between the look and the claim: the unique index refused this one (or, on
            // SQLite, that import's write lock outlasted the busy timeout).
            return await HolderAsync(importId, CancellationToken.None) ?? throw new InvalidOperationException("The roster import lock could not be taken.", e);
        }
    }

    /// <summary>
    /// First thing in the apply's transaction: confirms that the lock is still this import's, and keeps the import's
    /// row locked until the commit (PostgreSQL's row lock, SQLite's write lock), so no one can declare it abandoned meanwhile.
    /// </summary>
    public async Task HoldAsync(Guid importId, CancellationToken ct)
    {
        var held = await db.RosterImports.Where(i => i.Id == importId && i.Status == RosterImportStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, RosterImportStatus.Running), ct);
        if (held != 1)
        {
            throw new InvalidOperationException($"Roster import {importId} no longer holds the import lock; it was declared abandoned.");
        }
    }

    private Task<RosterImport?> HolderAsync(Guid importId, CancellationToken ct) =>
        db.RosterImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id != importId && i.Status == RosterImportStatus.Running, ct);
}
