using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Modules.Certificates.Data;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Certificates.Features.Access;

/// <summary>
/// Who may fetch a certificate's PDF: its owner, a manager of the owner (the owner is in the manager's units or
/// below, and the manager may download team certificates), and administrators.
/// </summary>
internal sealed class CertificateAccess(CertificatesDbContext db, IMediator mediator, IAuthorizationService authorization)
{
    public async Task<bool> IsAdminAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, Permissions.ManageCertificates.Name)).Succeeded;

    /// <summary>The people whose certificates the user may see as their manager (empty for a non-manager).</summary>
    public async Task<IReadOnlyList<Guid>> TeamAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.GetStaffId() is not { } staffId || !(await authorization.AuthorizeAsync(user, Permissions.DownloadTeamCertificates.Name)).Succeeded)
        {
            return [];
        }

        return await mediator.Send(new GetTeamMembers(staffId), cancellationToken);
    }

    /// <summary>The certificate when the user may see it, else null (also when there is no such certificate).</summary>
    public async Task<Certificate?> FindVisibleAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return null;
        }

        if (user.GetStaffId() == certificate.StaffId || await IsAdminAsync(user))
        {
            return certificate;
        }

        return (await TeamAsync(user, cancellationToken)).Contains(certificate.StaffId) ? certificate : null;
    }
}
