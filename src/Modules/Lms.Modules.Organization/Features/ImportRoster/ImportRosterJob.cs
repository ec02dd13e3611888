using System.Globalization;
using System.Text.Json;
using Hangfire;
using Lms.Modules.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// Runs one roster import in the background: read and check the whole file (progress visible on the
/// import page), then read it again and apply it in one transaction. Safe to run again after a crash: a
/// finished import is left alone, an interrupted one starts over (nothing of it was committed).
/// </summary>
internal sealed class ImportRosterJob(
    OrganizationDbContext db,
    RosterImporter importer,
    RosterImportLock importLock,
    IStringLocalizer<OrganizationStrings> T,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<ImportRosterJob> logger)
{
    public static readonly JsonSerializerOptions ErrorJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [AutomaticRetry(Attempts = 0)] // a bad file stays bad; the outcome is recorded on the import itself
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken)
    {
        var import = await db.RosterImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import is null || import.Status is RosterImportStatus.Succeeded or RosterImportStatus.Failed)
        {
            return;
        }

        // Messages in the language of the person who uploaded the file.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(import.Culture);

        try
        {
            // Hangfire's DisableConcurrentExecution serialises jobs only; the command line and other nodes meet here.
            if (await importLock.TryTakeAsync(import.Id, cancellationToken) is { } running)
            {
                await Finish(import.Id, RosterImportStatus.Failed,
                    T["Another roster import ({0}, started by {1}) is still running. Nothing was imported; try again when it has finished.", running.FileName, running.RequestedBy ?? "system"],
                    [], cancellationToken);
                return;
            }

            await RunImportAsync(import, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Roster import {ImportId} ({File}) failed", import.Id, import.FileName);
            db.ChangeTracker.Clear();
            if (await db.RosterImports.AnyAsync(i => i.Id == import.Id && i.Status == RosterImportStatus.Succeeded, CancellationToken.None))
            {
                return; // the changes and their outcome were committed; only the clean-up failed
            }

            await Finish(import.Id, RosterImportStatus.Failed, T["The import failed unexpectedly and changed nothing. The error has been logged."], [], cancellationToken);
        }
    }

    private async Task RunImportAsync(RosterImport import, CancellationToken ct)
    {
        if (!RosterReader.TryParseEncoding(import.RequestedEncoding, out var encoding))
        {
            encoding = RosterEncoding.Auto; // validated at upload; an old record with a retired name falls back to detection
        }

        var progress = new LatestValue();
        var keys = new RosterKeys();
        RosterFile file;
        await using (var stream = File.OpenRead(import.StoredPath))
        {
            var reading = RosterReader.ReadAsync(stream, encoding, T, clock, keys.AddAsync, progress, cancellationToken: ct);
            while (await Task.WhenAny(reading, Task.Delay(500, ct)) != reading)
            {
                await ReportProgressAsync(import.Id, progress.Value, ct);
            }

            file = await reading;
        }

        var applying = (string)T["All rows checked; applying the changes."];
        await db.RosterImports.Where(i => i.Id == import.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.TotalRows, file.DataRowCount).SetProperty(i => i.ProcessedRows, file.DataRowCount)
                .SetProperty(i => i.DetectedEncoding, file.EncodingName).SetProperty(i => i.Message, file.IsValid ? applying : null), ct);
        if (!file.IsValid)
        {
            await Finish(import.Id, RosterImportStatus.Failed, T["The file has {0} problem(s). Nothing was imported; correct them and upload the file again.", file.Errors.Count], file.Errors, ct);
            return;
        }

        var outcome = await importer.ApplyAsync(() => File.OpenRead(import.StoredPath), file, keys, import, ct);
        if (outcome.Errors.Count > 0)
        {
            await Finish(import.Id, RosterImportStatus.Failed, T["The file has {0} problem(s). Nothing was imported; correct them and upload the file again.", outcome.Errors.Count], outcome.Errors, ct);
            return;
        }

        // The outcome was committed with the changes; what is left is removing the uploaded file.
        DeleteUpload(import.StoredPath);
    }

    private async Task ReportProgressAsync(Guid id, int rows, CancellationToken ct)
    {
        // Its own connection, outside any transaction of the import.
        await using var scope = scopes.CreateAsyncScope();
        var other = scope.ServiceProvider.GetRequiredService<OrganizationDbContext>();
        await other.RosterImports.Where(i => i.Id == id).ExecuteUpdateAsync(u => u.SetProperty(i => i.ProcessedRows, rows), ct);
    }

    /// <summary>
    /// The command line was stopped (Ctrl+C) before the import finished. Nothing was committed; recording that now
    /// frees the import lock at once instead of when it would be declared abandoned.
    /// </summary>
    public async Task RecordInterruptedAsync(Guid importId)
    {
        db.ChangeTracker.Clear();
        var import = await db.RosterImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, CancellationToken.None);
        if (import?.Status is RosterImportStatus.Pending or RosterImportStatus.Running)
        {
            await Finish(importId, RosterImportStatus.Failed, T["The import was interrupted and changed nothing."], [], CancellationToken.None);
        }
    }

    /// <summary>Records a failed or refused import (a successful one records itself with its changes).</summary>
    private async Task Finish(Guid id, RosterImportStatus status, string message, IReadOnlyList<RosterError> errors, CancellationToken ct)
    {
        var import = await db.RosterImports.FirstAsync(i => i.Id == id, ct);
        import.Status = status;
        import.Message = message;
        import.ErrorsJson = JsonSerializer.Serialize(errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }), ErrorJson);
        import.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        DeleteUpload(import.StoredPath);
    }

    /// <summary>The uploaded file holds personal data; the outcome is what we keep.</summary>
    private void DeleteUpload(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete the uploaded roster {Path}", path);
        }
    }

    private sealed class LatestValue : IProgress<int>
    {
        private int value;

        public int Value => Volatile.Read(ref value);

        public void Report(int value) => Volatile.Write(ref this.value, value);
    }
}
