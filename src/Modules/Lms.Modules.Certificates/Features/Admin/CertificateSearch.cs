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
    /// <summary>
    /// One page of the certificates matching the filter, newest first, and how many match. Without a tier or unit
    /// filter the database pages; with one, only ids, people and dates are read for all matches, then one page of rows.
    /// </summary>
    public async Task<(List<Certificate> Rows, int Total)> FindPageAsync(CertificateFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = Filtered(filter);
        if (!filter.NeedsPlacements)
        {
            var total = await query.CountAsync(cancellationToken);
            var rows = await query.OrderByDescending(c => c.IssuedAt).ThenBy(c => c.EmployeeNumber).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            return (rows, total);
        }

        var light = await query.Select(c => new { c.Id, c.StaffId, c.IssuedAt }).ToListAsync(cancellationToken);
        var placed = await InScopeAsync(filter, light.Select(c => c.StaffId).Distinct().ToList(), cancellationToken);
        var matching = light.Where(c => placed.Contains(c.StaffId)).OrderByDescending(c => c.IssuedAt).Select(c => c.Id).ToList();
        var pageIds = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var pageRows = await db.Certificates.AsNoTracking().Where(c => pageIds.Contains(c.Id)).ToListAsync(cancellationToken);
        return (pageRows.OrderBy(c => pageIds.IndexOf(c.Id)).ToList(), matching.Count);
    }

    /// <summary>Every certificate matching the filter (for a ZIP), newest first.</summary>
    public async Task<List<Certificate>> FindAsync(CertificateFilter filter, CancellationToken cancellationToken)
    {
        var found = await Filtered(filter).ToListAsync(cancellationToken);
        if (filter.NeedsPlacements && found.Count > 0)
        {
            var placed = await InScopeAsync(filter, found.Select(c => c.StaffId).Distinct().ToList(), cancellationToken);
            found = found.Where(c => placed.Contains(c.StaffId)).ToList();
        }

        return found.OrderByDescending(c => c.IssuedAt).ThenBy(c => c.EmployeeNumber, StringComparer.Ordinal).ToList();
    }

    /// <summary>Of the given people, those of the filter's tier and inside its unit (the unit or any below it).</summary>
    private async Task<HashSet<Guid>> InScopeAsync(CertificateFilter filter, IReadOnlyList<Guid> staffIds, CancellationToken cancellationToken)
    {
        var placed = new HashSet<Guid>();
        foreach (var chunk in staffIds.Chunk(2000))
        {
            foreach (var p in await mediator.Send(new GetStaffPlacements(chunk), cancellationToken))
            {
                if ((filter.Tier is not { } tier || p.Tier == tier) && (filter.UnitId is not { } unit || p.UnitAncestry.Contains(unit)))
                {
                    placed.Add(p.StaffId);
                }
            }
        }

        return placed;
    }

    private IQueryable<Certificate> Filtered(CertificateFilter filter)
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

        return query;
    }
}
