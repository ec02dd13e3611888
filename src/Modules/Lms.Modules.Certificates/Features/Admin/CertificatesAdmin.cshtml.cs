using Hangfire;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Features.Access;
using Lms.Modules.Certificates.Features.Issue;
using Lms.Modules.Certificates.Storage;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Certificates.Features.Admin;

/// <summary>
/// <c>/admin/certificates</c>: every certificate with filters (course or programme, tier, unit, state, name or
/// number), revoke with a reason, reissue (e.g. after a name correction), ZIP downloads of the filtered set (at
/// once when small, by a background job when large) and the record of what was done.
/// </summary>
[Authorize(Policy = "ManageCertificates")]
public sealed class CertificatesAdminModel(IStringLocalizer<CertificatesStrings> T) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [TempData] public string? Message { get; set; }
    public string? Error { get; private set; }

    internal IReadOnlyList<Certificate> Rows { get; private set; } = [];
    public int Total { get; private set; }
    internal IReadOnlyList<(Guid Id, string Title)> Subjects { get; private set; } = [];
    internal IReadOnlyList<OrgUnitSummary> Units { get; private set; } = [];
    internal IReadOnlyList<ExportRow> Exports { get; private set; } = [];
    internal IReadOnlyList<CertificateAuditEntry> Audit { get; private set; } = [];
    internal IReadOnlyDictionary<Guid, Certificate> AuditSubjects { get; private set; } = new Dictionary<Guid, Certificate>();
    public TimeZoneInfo TimeZone { get; private set; } = TimeZoneInfo.Utc;
    public int InlineZipLimit { get; private set; }
    public bool BaseUrlMissing { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            Error = T["Give the reason for revoking (at most 500 characters). Nothing was changed."];
            await LoadAsync(cancellationToken);
            return Page();
        }

        return await ActAsync(async issuer =>
        {
            if (!await issuer.RevokeAsync(id, User.Identity?.Name ?? "admin", reason.Trim(), cancellationToken))
            {
                return null;
            }

            return T["The certificate was revoked. Its verification page now says so."].Value;
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostReissueAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (reason?.Trim().Length > 500)
        {
            Error = T["The reason can be at most 500 characters. Nothing was changed."];
            await LoadAsync(cancellationToken);
            return Page();
        }

        return await ActAsync(async issuer =>
        {
            var issued = await issuer.ReissueAsync(id, User.Identity?.Name ?? "admin", reason?.Trim(), cancellationToken);
            return issued is null ? null : T["A new certificate {0} was issued with the name as it is now; the old number verifies as replaced by it.", Domain.VerificationCodes.Display(issued.Code)].Value;
        }, cancellationToken);
    }

    public async Task<IActionResult> OnPostZipAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        var found = (await services.GetRequiredService<CertificateSearch>().FindAsync(Filter() with { Status = ParseStatus(Status) ?? CertificateStatus.Valid }, cancellationToken));
        if (found.Count == 0)
        {
            Error = T["No valid certificates match these filters, so there is nothing to download."];
            await LoadAsync(cancellationToken);
            return Page();
        }

        var outcome = await CertificateExports.ZipOrQueueAsync(services, found, User.Identity?.Name ?? "admin", await DescribeAsync(cancellationToken), cancellationToken);
        if (outcome.File is { } file)
        {
            return File(file, "application/zip", outcome.FileName);
        }

        Message = T["{0} certificates are being put into a ZIP. It appears under \"Prepared downloads\" when ready; reload the page in a minute.", found.Count];
        return RedirectToPage(RouteValues());
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        return await CertificateExports.DownloadAsync(this, id, requestedBy: null, cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Func<CertificateIssuer, Task<string?>> action, CancellationToken cancellationToken)
    {
        try
        {
            var message = await action(HttpContext.RequestServices.GetRequiredService<CertificateIssuer>());
            if (message is null)
            {
                return NotFound();
            }

            Message = message;
            return RedirectToPage(RouteValues());
        }
        catch (CertificateActionException e)
        {
            Error = T[e.MessageKey];
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private object RouteValues() => new { subject = Subject, tier = Tier, unit = Unit, status = Status, q = Q, p = PageNumber };

    private CertificateFilter Filter() =>
        new(Subject, StaffTierNames.TryParse(Tier, out var tier) ? tier : null, Unit, ParseStatus(Status), Q);

    internal static CertificateStatus? ParseStatus(string? status) => status switch
    {
        "valid" => CertificateStatus.Valid,
        "revoked" => CertificateStatus.Revoked,
        "replaced" => CertificateStatus.Replaced,
        _ => null,
    };

    private async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        var parts = new List<string>();
        if (Subject is { } s)
        {
            parts.Add(Subjects.FirstOrDefault(x => x.Id == s).Title ?? "");
        }

        if (StaffTierNames.TryParse(Tier, out var tier))
        {
            parts.Add(T[tier switch { StaffTier.Executive => "Executives", StaffTier.Manager => "Managers", _ => "General staff" }]);
        }

        if (Unit is { } u)
        {
            parts.Add(Units.FirstOrDefault(x => x.Id == u)?.Path ?? "");
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            parts.Add($"\"{Q.Trim()}\"");
        }

        var text = parts.Count == 0 ? T["All valid certificates"].Value : string.Join(" / ", parts.Where(p => p.Length > 0));
        return text.Length > 500 ? text[..500] : text;
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        if (Subjects.Count > 0)
        {
            return;
        }

        var services = HttpContext.RequestServices;
        var mediator = services.GetRequiredService<IMediator>();
        var db = services.GetRequiredService<CertificatesDbContext>();
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Key).ToListAsync(cancellationToken);
        var courses = await mediator.Send(new GetPublishedCourses(), cancellationToken);
        Subjects = programmes.Select(p => (p.Id, p.Title)).Concat(courses.OrderBy(c => c.Key ?? c.Title, StringComparer.Ordinal).Select(c => (c.Id, c.Title))).ToList();
        Units = await mediator.Send(new GetOrgUnits(), cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        await LoadChoicesAsync(cancellationToken);
        PageNumber = Math.Max(1, PageNumber);
        var search = services.GetRequiredService<CertificateSearch>();
        (var rows, Total) = await search.FindPageAsync(Filter(), PageNumber, PageSize, cancellationToken);
        if (rows.Count == 0 && Total > 0)
        {
            PageNumber = PageCount;
            (rows, Total) = await search.FindPageAsync(Filter(), PageNumber, PageSize, cancellationToken);
        }

        Rows = rows;
        var db = services.GetRequiredService<CertificatesDbContext>();
        Exports = await CertificateExports.RecentAsync(db, null, cancellationToken);
        Audit = await db.Audit.AsNoTracking().Where(a => a.Action != "issued").OrderByDescending(a => a.Id).Take(20).ToListAsync(cancellationToken);
        var auditIds = Audit.Select(a => a.CertificateId).Distinct().ToList();
        AuditSubjects = await db.Certificates.AsNoTracking().Where(c => auditIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var site = await services.GetRequiredService<ISiteSettingsService>().GetAsync(cancellationToken);
        TimeZone = site.TimeZone;
        BaseUrlMissing = site.BaseUrl is not { Length: > 0 };
        InlineZipLimit = services.GetRequiredService<IOptions<CertificateOptions>>().Value.InlineZipLimit;
    }
}
