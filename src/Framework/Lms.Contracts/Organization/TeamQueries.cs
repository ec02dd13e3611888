using MediatR;

namespace Lms.Contracts.Organization;

/// <summary>
/// The active staff a manager looks after: everyone in the units the manager manages and in every
/// unit below them, the manager excluded. Empty for someone who manages nothing.
/// </summary>
public sealed record GetTeamMembers(Guid ManagerStaffId) : IRequest<IReadOnlyList<Guid>>;
