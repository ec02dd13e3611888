using MediatR;

namespace Lms.Contracts.Gamification;

/// <summary>A badge a person holds (not revoked).</summary>
public sealed record BadgeAwardRecord(Guid AwardId, Guid StaffId, Guid BadgeId, string BadgeName, DateTimeOffset AwardedAt);

/// <summary>The badges the given people hold (everyone's when <see cref="StaffIds"/> is null); revoked awards left out.</summary>
public sealed record GetBadgeAwards(IReadOnlyCollection<Guid>? StaffIds = null) : IRequest<IReadOnlyList<BadgeAwardRecord>>;
