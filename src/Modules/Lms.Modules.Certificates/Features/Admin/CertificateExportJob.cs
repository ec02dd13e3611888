using Hangfire;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Features.Access;
using Lms.Modules.Certificates.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Certificates.Features.Admin;

/// <summary>
/// Builds a large ZIP in the background (the admin page offers it when ready). The set of certificates was fixed
/// when it was asked for. Running it again after a crash builds the file again; a finished export is left alone.
/// </summary>
internal sealed class CertificateExportJob(CertificatesDbContext db, CertificateStore store, TimeProvider clock, ILogger<CertificateExportJob> logger)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(Guid exportId, CancellationToken cancellationToken)
    {
        var export = await db.Exports.FirstOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        if (export is null || export.Status is CertificateExportStatus.Ready)
        {
            return;
        }

        export.Status = CertificateExportStatus.Running;
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            var ids = export.CertificateIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
            var certificates = new List<Certificate>(ids.Count);
            foreach (var chunk in ids.Chunk(1000))
            {
                certificates.AddRange(await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken));
            }

            var key = CertificateStore.ExportKey(export.Id);
            var count = 0;
            var size = await store.WriteAsync(key, async file =>
                count = await CertificateFiles.WriteZipAsync(file, certificates.OrderBy(c => c.EmployeeNumber, StringComparer.Ordinal).ThenBy(c => c.CompletedOn), store, cancellationToken),
                cancellationToken);
            export.FileKey = key;
            export.FileSize = size;
            export.Count = count;
            export.Status = CertificateExportStatus.Ready;
            export.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Certificate export {ExportId} failed", exportId);
            export.Status = CertificateExportStatus.Failed;
            export.Error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            export.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(CancellationToken.None);
            throw; // recorded on the export for the page, and on the job for the dashboard (and its retry)
        }
    }
}
