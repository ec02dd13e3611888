using Lms.Contracts.Organization;
using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Features.Access;
using Lms.Modules.Certificates.Features.Admin;
using Microsoft.Extensions.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Certificates.Features.Team;

/// <summary>
/// <c>/team/certificates</c>: a manager's team (their units and every unit below) and their valid certificates,
/// one by one or all (or one course's) as a ZIP. Only the manager's own team: nobody else's ids are accepted.
/// </summary>
[Authorize(Policy = "DownloadTeamCertificates")]
public sealed class TeamCertificatesModel(IStringLocalizer<CertificatesStrings> T) : PageModel
{
    [TempData] public string? Message { get; set; }

    internal IReadOnlyList<ExportRow> Exports { get; private set; } = [];

    internal IReadOnlyList<Certificate> Certificates { get; private set; } = [];

    internal IReadOnlyDictionary<Guid, string> Units { get; private set; } = new Dictionary<Guid, string>();

    internal IReadOnlyList<(string Key, string Title)> Subjects { get; private set; } = [];

    public int TeamSize { get; private set; }

    public int PeopleWithCertificates { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The ZIP at once for a team of ordinary size; for a large department, prepared in the background.</summary>
    public async Task<IActionResult> OnPostZipAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Certificates.Count == 0)
        {
            return RedirectToPage(new { subject = Subject });
        }

        var description = Subjects.FirstOrDefault(s => s.Key == Subject).Title is { } title ? title : T["All courses"].Value;
        var outcome = await CertificateExports.ZipOrQueueAsync(HttpContext.RequestServices, Certificates, User.Identity?.Name ?? "", description, cancellationToken);
        if (outcome.File is { } file)
        {
            return File(file, "application/zip", outcome.FileName);
        }

        Message = T["{0} certificates are being put into a ZIP. It appears under \"Prepared downloads\" when ready; reload the page in a minute.", Certificates.Count];
        return RedirectToPage(new { subject = Subject });
    }

    /// <summary>A ZIP this manager asked for (nobody else's).</summary>
    public Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken cancellationToken) =>
        CertificateExports.DownloadAsync(this, id, User.Identity?.Name ?? "", cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        var team = await services.GetRequiredService<CertificateAccess>().TeamAsync(User, cancellationToken);
        TeamSize = team.Count;
        var db = services.GetRequiredService<CertificatesDbContext>();
        var all = new List<Certificate>();
        foreach (var chunk in team.Chunk(1000))
        {
            all.AddRange(await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.StaffId) && c.Status == CertificateStatus.Valid).ToListAsync(cancellationToken));
        }

        Subjects = all.Select(SubjectOf).Distinct().OrderBy(s => s.Title, StringComparer.Ordinal).ToList();
        Certificates = all.Where(c => string.IsNullOrEmpty(Subject) || SubjectOf(c).Key == Subject)
            .OrderBy(c => c.EmployeeNumber, StringComparer.Ordinal).ThenBy(c => c.CompletedOn).ToList();
        PeopleWithCertificates = Certificates.Select(c => c.StaffId).Distinct().Count();
        var cards = await services.GetRequiredService<IMediator>().Send(new GetStaffCards(Certificates.Select(c => c.StaffId).Distinct().ToList()), cancellationToken);
        Units = cards.ToDictionary(c => c.StaffId, c => c.UnitPath);
        Exports = await CertificateExports.RecentAsync(db, User.Identity?.Name ?? "", cancellationToken);
    }

    internal static (string Key, string Title) SubjectOf(Certificate c) => ((c.CourseId ?? c.ProgrammeId ?? Guid.Empty).ToString("N"), c.Title);
}
