using Lms.Contracts.Organization;

namespace Lms.Modules.Organization.Data;

/// <summary>A unit of the org chart: 部 (depth 0), 課 (1), 係 (2), or deeper.</summary>
internal sealed class OrgUnit
{
    public Guid Id { get; set; }
    public Guid? ParentId { get; set; }
    public required string Name { get; set; }
    /// <summary>Names from the top joined by '/', e.g. "総務部/総務課/文書係". Unique; the key roster files use.</summary>
    public required string Path { get; set; }
    public int Depth { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool Contains(OrgUnit other) => other.Path == Path || other.Path.StartsWith(Path + "/", StringComparison.Ordinal);
}

internal sealed class StaffMember
{
    public Guid Id { get; set; }
    public required string EmployeeNumber { get; set; }
    public required string FamilyName { get; set; }
    public required string GivenName { get; set; }
    public string FamilyNameKana { get; set; } = "";
    public string GivenNameKana { get; set; } = "";
    public string? Email { get; set; }
    public Guid OrgUnitId { get; set; }
    public StaffTier Tier { get; set; }
    public string? JobTitle { get; set; }
    /// <summary>Optional; the year only, enough to mix ages when a facilitator forms teams (see <see cref="Domain.BirthYears"/>).</summary>
    public int? BirthYear { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string FullName => $"{FamilyName} {GivenName}";
}

/// <summary>The manager of a unit manages it and every unit below it.</summary>
internal sealed class UnitManager
{
    public Guid StaffId { get; set; }
    public Guid OrgUnitId { get; set; }
}

/// <summary>Permissions already offered to their default roles once, so an admin's later removal sticks.</summary>
internal sealed class IntroducedPermission
{
    public required string Name { get; set; }
    public DateTimeOffset IntroducedAt { get; set; }
}

internal enum RosterImportStatus
{
    Pending = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>One upload of an HR roster file: its progress while it runs, its outcome afterwards.</summary>
internal sealed class RosterImport
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    /// <summary>The uploaded bytes, kept under the data directory until the import finishes.</summary>
    public required string StoredPath { get; set; }
    public bool FullImport { get; set; }
    public string RequestedEncoding { get; set; } = "auto";
    public string? DetectedEncoding { get; set; }
    public RosterImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Moved { get; set; }
    public int Deactivated { get; set; }
    public int Unchanged { get; set; }
    /// <summary>JSON array of {line, column, message}, in the language of the person who uploaded.</summary>
    public string ErrorsJson { get; set; } = "[]";
    public string? Message { get; set; }
    public string? RequestedBy { get; set; }
    public string Culture { get; set; } = "ja-JP";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>Who changed what, when. Kept when staff are deactivated; never edited.</summary>
internal sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary>Stable verb, e.g. "staff.updated", "unit.merged", "roster.imported".</summary>
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    /// <summary>A one-line account in the site's language at the time, e.g. "長谷川 美咲: 所属 A → B".</summary>
    public required string Summary { get; set; }
}
