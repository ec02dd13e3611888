using MediatR;

namespace Lms.Contracts.Certificates;

/// <summary>
/// A certificate was issued (once per certificate; a reissue is a new certificate that names the one it replaces).
/// <paramref name="CourseId"/> is set for a course certificate, <paramref name="ProgrammeKey"/> for a programme's.
/// </summary>
public sealed record CertificateIssued(Guid CertificateId, Guid StaffId, Guid? CourseId, string? ProgrammeKey, DateOnly CompletedOn, Guid? ReplacesId, DateTimeOffset IssuedAt) : INotification;

/// <summary>A certificate was revoked by an admin.</summary>
public sealed record CertificateRevoked(Guid CertificateId, Guid StaffId, string Reason, DateTimeOffset RevokedAt) : INotification;
