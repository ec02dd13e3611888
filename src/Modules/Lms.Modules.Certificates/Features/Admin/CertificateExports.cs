using Hangfire;
using Lms.Framework.Settings;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Features.Access;
using Lms.Modules.Certificates.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Certificates.Features.Admin;

/// <summary>A prepared ZIP as lists show it (without the list of ids it holds).</summary>
internal sealed record ExportRow(Guid Id, string RequestedBy, string Description, CertificateExportStatus Status, int Count, string? Error, DateTimeOffset CreatedAt);

/// <summary>ZIPs of many certificates: built at once when small, by <see cref="CertificateExportJob"/> when large.</summary>
internal static class CertificateExports
{
    /// <summary>Prepared ZIPs are kept this long, then the reconcile job deletes them (they hold names and numbers).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    public sealed record Outcome(Stream? File, string FileName);

    /// <summary>A ZIP to send now (small sets), or a queued export (null file).</summary>
    public static async Task<Outcome> ZipOrQueueAsync(IServiceProvider services, IReadOnlyList<Certificate> certificates, string requestedBy, string description, CancellationToken cancellationToken)
    {
        var limit = services.GetRequiredService<IOptions<CertificateOptions>>().Value.InlineZipLimit;
        var clock = services.GetRequiredService<TimeProvider>();
        var site = await services.GetRequiredService<ISiteSettingsService>().GetAsync(cancellationToken);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), site.TimeZone);
        var fileName = $"修了証_{local:yyyyMMdd_HHmm}_{certificates.Count}.zip";
        if (certificates.Count <= limit)
        {
            var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            await CertificateFiles.WriteZipAsync(temp, certificates.OrderBy(c => c.EmployeeNumber, StringComparer.Ordinal).ThenBy(c => c.CompletedOn), services.GetRequiredService<CertificateStore>(), cancellationToken);
            temp.Position = 0;
            return new Outcome(temp, fileName);
        }

        var db = services.GetRequiredService<CertificatesDbContext>();
        var export = new CertificateExport
        {
            Id = Guid.NewGuid(),
            RequestedBy = requestedBy,
            Description = description.Length > 500 ? description[..500] : description,
            CertificateIds = string.Join(',', certificates.Select(c => c.Id.ToString("N"))),
            Count = certificates.Count,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Exports.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<CertificateExportJob>(job => job.RunAsync(export.Id, CancellationToken.None));
        return new Outcome(null, fileName);
    }

    /// <summary>The latest prepared ZIPs (of one requester, or everyone's).</summary>
    public static async Task<IReadOnlyList<ExportRow>> RecentAsync(CertificatesDbContext db, string? requestedBy, CancellationToken cancellationToken) =>
        await db.Exports.AsNoTracking()
            .Where(e => requestedBy == null || e.RequestedBy == requestedBy)
            .OrderByDescending(e => e.CreatedAt).Take(10)
            .Select(e => new ExportRow(e.Id, e.RequestedBy, e.Description, e.Status, e.Count, e.Error, e.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>A ready ZIP as a download; 404 when it is not ready, gone, or (with a requester) someone else's.</summary>
    public static async Task<IActionResult> DownloadAsync(PageModel page, Guid id, string? requestedBy, CancellationToken cancellationToken)
    {
        var services = page.HttpContext.RequestServices;
        var export = await services.GetRequiredService<CertificatesDbContext>().Exports.AsNoTracking()
            .Where(e => e.Id == id && (requestedBy == null || e.RequestedBy == requestedBy))
            .Select(e => new { e.Status, e.FileKey, e.Count, e.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (export is not { Status: CertificateExportStatus.Ready, FileKey: { } key } || services.GetRequiredService<CertificateStore>().OpenRead(key) is not { } file)
        {
            return page.NotFound();
        }

        var site = await services.GetRequiredService<ISiteSettingsService>().GetAsync(cancellationToken);
        var local = TimeZoneInfo.ConvertTime(export.CreatedAt, site.TimeZone);
        return new FileStreamResult(file, "application/zip") { FileDownloadName = $"修了証_{local:yyyyMMdd_HHmm}_{export.Count}.zip" };
    }
}
