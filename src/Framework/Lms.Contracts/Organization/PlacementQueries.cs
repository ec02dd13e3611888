using MediatR;

namespace Lms.Contracts.Organization;

/// <summary>
/// Where a person sits: tier, unit and the chain of units above it (the unit first, the root last).
/// Learning matches course assignments against it.
/// </summary>
public sealed record StaffPlacement(Guid StaffId, StaffTier Tier, Guid OrgUnitId, IReadOnlyList<Guid> UnitAncestry, bool IsActive);

/// <summary>Placements of the given people, or of every active person when <see cref="StaffIds"/> is null.</summary>
public sealed record GetStaffPlacements(IReadOnlyCollection<Guid>? StaffIds = null) : IRequest<IReadOnlyList<StaffPlacement>>;

/// <summary>An org unit as other modules show it: id and full path (総務部/情報システム課).</summary>
public sealed record OrgUnitSummary(Guid Id, string Path);

/// <summary>Every org unit, in path order (for pickers and labels).</summary>
public sealed record GetOrgUnits : IRequest<IReadOnlyList<OrgUnitSummary>>;

/// <summary>The staff id behind a user name (e.g. the demo accounts); null when there is none.</summary>
public sealed record FindStaffByUserName(string UserName) : IRequest<Guid?>;

/// <summary>How a person is shown to staff who work with them: name and unit path.</summary>
public sealed record StaffCard(Guid StaffId, string Name, string EmployeeNumber, string UnitPath, bool IsActive);

/// <summary>Cards of the given people (unknown ids are left out).</summary>
public sealed record GetStaffCards(IReadOnlyCollection<Guid> StaffIds) : IRequest<IReadOnlyList<StaffCard>>;

/// <summary>
/// What a facilitator's team suggestion needs to mix people: name, unit, department (the top unit of
/// the person's unit), tier and year of birth when the roster gives it.
/// </summary>
public sealed record StaffProfile(Guid StaffId, string Name, string UnitPath, Guid DepartmentId, string DepartmentName, StaffTier Tier, int? BirthYear, bool IsActive);

/// <summary>Profiles of the given people (unknown ids are left out).</summary>
public sealed record GetStaffProfiles(IReadOnlyCollection<Guid> StaffIds) : IRequest<IReadOnlyList<StaffProfile>>;

/// <summary>Active staff whose account holds the role (e.g. the facilitators to choose from for a session).</summary>
public sealed record GetStaffInRole(string Role) : IRequest<IReadOnlyList<StaffCard>>;
