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
