using MediatR;

namespace Lms.Contracts.Gamification;

/// <summary>
/// A person earned a badge (once per person and badge). Published after the award was saved.
/// </summary>
/// <param name="Evidence">What earned it: <c>workshop</c>, <c>course</c>, <c>activity</c>, <c>points</c>, <c>manual</c> (a bulk award with a reason).</param>
public sealed record BadgeAwarded(Guid AwardId, Guid StaffId, Guid BadgeId, string BadgeName, string Evidence, Guid? CourseId, Guid? ActivityId, Guid? SessionId, DateTimeOffset AwardedAt) : INotification;

/// <summary>An award was revoked by an administrator, with a reason (its Open Badges assertion now answers 410 Gone).</summary>
public sealed record BadgeRevoked(Guid AwardId, Guid StaffId, Guid BadgeId, string Reason, DateTimeOffset RevokedAt) : INotification;
