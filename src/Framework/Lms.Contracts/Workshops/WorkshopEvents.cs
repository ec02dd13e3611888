using MediatR;

namespace Lms.Contracts.Workshops;

/// <summary>
/// A facilitator signed off a person's attendance at a workshop (the course's workshop activity).
/// Learning completes the activity on it; badges and reports count it.
/// </summary>
/// <param name="SessionId">The session attended, when the Workshops module ran it.</param>
/// <param name="SignedOffBy">The facilitator's staff id, when known.</param>
public sealed record WorkshopCompleted(Guid StaffId, Guid ActivityId, Guid? SessionId, Guid? SignedOffBy, DateTimeOffset CompletedAt) : INotification;
