using Lms.Contracts.Certificates;
using Lms.Modules.Certificates.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Certificates.Features.GetValidCertificates;

internal sealed class GetValidCertificatesHandler(CertificatesDbContext db) : IRequestHandler<Contracts.Certificates.GetValidCertificates, IReadOnlyList<CertificateRecord>>
{
    private const int Chunk = 500;

    public async Task<IReadOnlyList<CertificateRecord>> Handle(Contracts.Certificates.GetValidCertificates request, CancellationToken cancellationToken)
    {
        // Revoking and reissuing both move the status away from Valid (with RevokedAt or ReplacedById), in one update.
        var valid = db.Certificates.AsNoTracking().Where(c => c.Status == CertificateStatus.Valid);
        if (request.StaffIds is null)
        {
            return await ReadAsync(valid, cancellationToken);
        }

        var found = new List<CertificateRecord>();
        foreach (var chunk in request.StaffIds.Distinct().Chunk(Chunk))
        {
            found.AddRange(await ReadAsync(valid.Where(c => chunk.Contains(c.StaffId)), cancellationToken));
        }

        return found;
    }

    private async Task<List<CertificateRecord>> ReadAsync(IQueryable<Certificate> certificates, CancellationToken cancellationToken) =>
        await (from c in certificates
               join p in db.Programmes.AsNoTracking() on c.ProgrammeId equals p.Id into programmes
               from p in programmes.DefaultIfEmpty()
               select new CertificateRecord(c.Id, c.StaffId, c.CourseId, p == null ? null : p.Key, c.CompletedOn, c.IssuedAt)).ToListAsync(cancellationToken);
}
