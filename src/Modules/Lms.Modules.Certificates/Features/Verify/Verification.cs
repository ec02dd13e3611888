using Lms.Modules.Certificates.Data;
using Lms.Modules.Certificates.Domain;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Certificates.Features.Verify;

/// <summary>What anyone may learn from a certificate's code: its state, the name, the course, the date and the issuer. Nothing else about the person.</summary>
/// <param name="Status"><c>valid</c>, <c>revoked</c> or <c>replaced</c>.</param>
/// <param name="ReplacedBy">The code of the certificate that replaced this one (status <c>replaced</c>).</param>
internal sealed record VerificationResult(
    string Code,
    string Status,
    string Name,
    string Course,
    DateOnly CompletedOn,
    string Issuer,
    DateOnly IssuedOn,
    DateOnly? RevokedOn,
    string? ReplacedBy);

internal sealed class Verification(CertificatesDbContext db, Lms.Framework.Settings.ISiteSettingsService settings)
{
    public async Task<VerificationResult?> FindAsync(string? typed, CancellationToken cancellationToken)
    {
        if (VerificationCodes.Normalize(typed) is not { } code)
        {
            return null;
        }

        var certificate = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (certificate is null)
        {
            return null;
        }

        string? replacedBy = null;
        if (certificate.ReplacedById is { } replacement)
        {
            replacedBy = await db.Certificates.AsNoTracking().Where(c => c.Id == replacement).Select(c => c.Code).FirstOrDefaultAsync(cancellationToken);
        }

        var zone = (await settings.GetAsync(cancellationToken)).TimeZone;
        DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return new VerificationResult(
            VerificationCodes.Display(certificate.Code),
            certificate.Status switch { CertificateStatus.Revoked => "revoked", CertificateStatus.Replaced => "replaced", _ => "valid" },
            certificate.RecipientName,
            certificate.Title,
            certificate.CompletedOn,
            certificate.Issuer,
            LocalDate(certificate.IssuedAt),
            certificate.RevokedAt is { } revoked ? LocalDate(revoked) : null,
            replacedBy is null ? null : VerificationCodes.Display(replacedBy));
    }
}
