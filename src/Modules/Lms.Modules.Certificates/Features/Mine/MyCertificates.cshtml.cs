using Lms.Contracts.Organization;
using Lms.Modules.Certificates.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Certificates.Features.Mine;

/// <summary><c>/me/certificates</c>: one's certificates, newest first, each to download or to show by its verification link.</summary>
[Authorize(Policy = "ViewOwnCertificates")]
public sealed class MyCertificatesModel : PageModel
{
    internal IReadOnlyList<Certificate> Certificates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.GetStaffId() is not { } staffId)
        {
            return Forbid();
        }

        var db = HttpContext.RequestServices.GetRequiredService<CertificatesDbContext>();
        Certificates = (await db.Certificates.AsNoTracking().Where(c => c.StaffId == staffId).ToListAsync(cancellationToken))
            .OrderBy(c => c.Status).ThenByDescending(c => c.IssuedAt).ToList();
        return Page();
    }
}
