using MediatR;

namespace Lms.Contracts.Organization;

/// <summary>
/// The active staff a manager looks after: everyone in the units the manager manages and in every
/// unit below them, the manager excluded. Empty for someone who manages nothing.
/// </summary>
public sealed record GetTeamMembers(Guid ManagerStaffId) : IRequest<IReadOnlyList<Guid>>;

/// <summary>
/// The units a manager looks after: each unit they manage and every unit below it, in path order (a unit once
/// even when reached twice). Empty for someone who manages nothing. Read on every call, never cached: when an admin
/// changes who manages what, the manager's scope follows at once.
/// </summary>
public sealed record GetManagedUnits(Guid ManagerStaffId) : IRequest<IReadOnlyList<OrgUnitSummary>>;
