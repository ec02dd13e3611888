using MediatR;

namespace Lms.Contracts.Certificates;

/// <summary>A valid certificate (neither revoked nor replaced): of a course (<see cref="CourseId"/>) or of a programme (<see cref="ProgrammeKey"/>).</summary>
public sealed record CertificateRecord(Guid CertificateId, Guid StaffId, Guid? CourseId, string? ProgrammeKey, DateOnly CompletedOn, DateTimeOffset IssuedAt);

/// <summary>The valid certificates of the given people (everyone's when <see cref="StaffIds"/> is null).</summary>
public sealed record GetValidCertificates(IReadOnlyCollection<Guid>? StaffIds = null) : IRequest<IReadOnlyList<CertificateRecord>>;
