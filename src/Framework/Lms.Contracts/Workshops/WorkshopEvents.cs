using MediatR;

namespace Lms.Contracts.Workshops;

/// <summary>
/// A facilitator signed off a person's attendance at a workshop (the course's workshop activity).
/// Learning completes the activity on it; badges and reports count it. Published once per sign-off,
/// after the Workshops module saved it.
/// </summary>
/// <param name="ActivityId">The workshop activity of the course.</param>
/// <param name="SessionId">The session attended.</param>
/// <param name="SignedOffBy">The facilitator's staff id, when known.</param>
/// <param name="TeamId">The team the person worked in at the session, if teams were formed.</param>
/// <param name="ArtefactIds">That team's artefacts (persona, journey, insights, pitch) at sign-off.</param>
public sealed record WorkshopCompleted(
    Guid StaffId,
    Guid ActivityId,
    Guid? SessionId,
    Guid? SignedOffBy,
    DateTimeOffset CompletedAt,
    Guid? TeamId = null,
    IReadOnlyList<Guid>? ArtefactIds = null) : INotification;

/// <summary>
/// A mistaken sign-off was reversed (audited in the Workshops module). Learning takes the workshop
/// activity's completion back.
/// </summary>
public sealed record WorkshopSignOffReversed(
    Guid StaffId,
    Guid ActivityId,
    Guid SessionId,
    Guid? ReversedBy,
    string Reason,
    DateTimeOffset ReversedAt) : INotification;

/// <summary>Someone on a session's waiting list got a seat (a registrant cancelled or the capacity grew).</summary>
public sealed record WaitlistSeatGranted(Guid StaffId, Guid SessionId, Guid ActivityId, DateTimeOffset StartsAt, DateTimeOffset GrantedAt) : INotification;

/// <summary>
/// A facilitator cancelled a session; <paramref name="StaffIds"/> held a seat or a waiting-list place in it
/// (the Notifications module tells them).
/// </summary>
public sealed record WorkshopSessionCancelled(Guid SessionId, Guid ActivityId, DateTimeOffset StartsAt, IReadOnlyList<Guid> StaffIds, Guid? CancelledBy, DateTimeOffset CancelledAt) : INotification;
