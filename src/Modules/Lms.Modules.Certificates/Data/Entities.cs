using Lms.Contracts.Organization;

namespace Lms.Modules.Certificates.Data;

internal enum CertificateKind
{
    /// <summary>One course completed.</summary>
    Course = 0,

    /// <summary>Every course of a programme (e.g. Step-0 for one tier) completed.</summary>
    Programme = 1,
}

internal enum CertificateStatus
{
    Valid = 0,
    Revoked = 1,

    /// <summary>Reissued: <see cref="Certificate.ReplacedById"/> is the certificate that stands now.</summary>
    Replaced = 2,
}

/// <summary>
/// One issued certificate, exactly as it was printed: the name, title and dates are copies taken at issue,
/// and the PDF (in the certificate store under <see cref="FileKey"/>) never changes afterwards.
/// </summary>
internal sealed class Certificate
{
    public Guid Id { get; set; }

    /// <summary>The verification code: 16 characters of Crockford base32 (80 random bits), without hyphens.</summary>
    public required string Code { get; set; }

    /// <summary>
    /// What makes a certificate the only one of its occasion: <c>course|staff|course|completed-at</c>,
    /// <c>programme|staff|programme</c> or <c>reissue|previous-id</c>. Unique, so a redelivered event or a retried
    /// job can never issue a second one.
    /// </summary>
    public required string IssueKey { get; set; }

    public CertificateKind Kind { get; set; }

    public Guid StaffId { get; set; }

    /// <summary>The course (course certificates) or null.</summary>
    public Guid? CourseId { get; set; }

    public int? CourseVersion { get; set; }

    /// <summary>The programme (programme certificates) or null.</summary>
    public Guid? ProgrammeId { get; set; }

    /// <summary>The course's or programme's title as printed.</summary>
    public required string Title { get; set; }

    public required string RecipientName { get; set; }

    public string RecipientNameKana { get; set; } = "";

    public required string EmployeeNumber { get; set; }

    /// <summary>When the course (or the programme's last course) was completed.</summary>
    public DateTimeOffset CompletedAt { get; set; }

    /// <summary>The completion date in the site's time zone, as printed.</summary>
    public DateOnly CompletedOn { get; set; }

    /// <summary>The issuing organisation, as printed.</summary>
    public required string Issuer { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string Culture { get; set; }

    public int TemplateRevision { get; set; }

    public required string FileKey { get; set; }

    public long FileSize { get; set; }

    public required string FileSha256 { get; set; }

    public CertificateStatus Status { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public string? RevokedReason { get; set; }

    /// <summary>The certificate this one was reissued as.</summary>
    public Guid? ReplacedById { get; set; }

    /// <summary>The certificate this one replaces.</summary>
    public Guid? ReplacesId { get; set; }
}

/// <summary>A set of courses that earns a certificate of its own once all are complete (e.g. Step-0 for general staff).</summary>
internal sealed class CertificateProgramme
{
    public Guid Id { get; set; }

    public required string Key { get; set; }

    public required string Title { get; set; }

    public string TitleEn { get; set; } = "";

    /// <summary>The course keys, separated by commas.</summary>
    public required string CourseKeys { get; set; }

    /// <summary>The tier the programme is for (for lists and ZIP filters); null for everyone.</summary>
    public StaffTier? Tier { get; set; }

    public bool Enabled { get; set; } = true;

    public IReadOnlyList<string> CourseKeyList => CourseKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Who did what to a certificate (issue, revoke, reissue), for the record.</summary>
internal sealed class CertificateAuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid CertificateId { get; set; }

    public required string Action { get; set; }

    public required string Actor { get; set; }

    public string Detail { get; set; } = "";
}

internal enum CertificateExportStatus
{
    Queued = 0,
    Running = 1,
    Ready = 2,
    Failed = 3,
}

/// <summary>A ZIP of many certificates built by a background job, offered for download when ready.</summary>
internal sealed class CertificateExport
{
    public Guid Id { get; set; }

    public required string RequestedBy { get; set; }

    /// <summary>What the ZIP holds, in words (e.g. the filters).</summary>
    public required string Description { get; set; }

    /// <summary>The certificate ids, separated by commas (fixed when asked, so the ZIP holds what was listed).</summary>
    public required string CertificateIds { get; set; }

    public CertificateExportStatus Status { get; set; }

    public int Count { get; set; }

    public string? FileKey { get; set; }

    public long FileSize { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
