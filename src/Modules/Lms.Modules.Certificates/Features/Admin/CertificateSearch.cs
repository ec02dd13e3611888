using Lms.Contracts.Organization;
using Lms.Modules.Certificates.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Certificates.Features.Admin;

/// <summary>The admin's filters: a course or programme, a tier, an org unit (with everything below it), a state, a name or number.</summary>
internal sealed record CertificateFilter(Guid? Subject, StaffTier? Tier, Guid? UnitId, CertificateStatus? Status, string? Query)
{
    public bool NeedsPlacements => Tier is not null || UnitId is not null;
}

internal sealed class CertificateSearch(CertificatesDbContext db, IMediator mediator)
{
    /// <summary>Every certificate matching the filter, newest first.</summary>
    public async Task<List<Certificate>> FindAsync(CertificateFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Certificates.AsNoTracking();
        if (filter.Subject is { } subject)
        {
            query = query.Where(c => c.CourseId == subject || c.ProgrammeId == subject);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.Query?.Trim() is { Length: > 0 } text)
        {
            var compact = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);
            var code = Domain.VerificationCodes.Normalize(text);
            query = query.Where(c => c.EmployeeNumber == text || c.RecipientName.Contains(text) || c.RecipientName.Replace(" ", "").Contains(compact)
                || c.RecipientNameKana.Contains(text) || (code != null && c.Code == code));
        }

        var found = await query.ToListAsync(cancellationToken);
        if (filter.NeedsPlacements && found.Count > 0)
        {
            var placements = (await mediator.Send(new GetStaffPlacements(found.Select(c => c.StaffId).Distinct().ToList()), cancellationToken))
                .ToDictionary(p => p.StaffId);
            found = found.Where(c => placements.TryGetValue(c.StaffId, out var p)
                && (filter.Tier is not { } tier || p.Tier == tier)
                && (filter.UnitId is not { } unit || p.UnitAncestry.Contains(unit))).ToList();
        }

        return found.OrderByDescending(c => c.IssuedAt).ThenBy(c => c.EmployeeNumber, StringComparer.Ordinal).ToList();
    }
}
