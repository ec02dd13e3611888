using MediatR;

namespace Lms.Contracts.Workshops;

/// <summary>A session that is not cancelled, and the people holding a seat in it (waiting list left out).</summary>
public sealed record UpcomingSession(
    Guid SessionId,
    Guid ActivityId,
    Guid CourseId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Place,
    string? OnlineUrl,
    IReadOnlyList<Guid> SeatedStaffIds);

/// <summary>
/// Sessions starting in [<see cref="From"/>, <see cref="To"/>), oldest first; with <see cref="StaffIds"/>, only
/// sessions where one of them holds a seat, and only those people in <see cref="UpcomingSession.SeatedStaffIds"/>.
/// </summary>
public sealed record GetSessionsStarting(DateTimeOffset From, DateTimeOffset To, IReadOnlyCollection<Guid>? StaffIds = null)
    : IRequest<IReadOnlyList<UpcomingSession>>;

/// <summary>A session and who attended it (sign-offs not reversed). <see cref="Cancelled"/> sessions are included so reports can leave them out.</summary>
public sealed record SessionAttendance(Guid SessionId, Guid ActivityId, Guid CourseId, DateTimeOffset StartsAt, bool Cancelled, int Seated, IReadOnlyList<Guid> AttendedStaffIds);

/// <summary>The given sessions, or every session when <see cref="SessionIds"/> is null, oldest first.</summary>
public sealed record GetWorkshopAttendance(IReadOnlyCollection<Guid>? SessionIds = null) : IRequest<IReadOnlyList<SessionAttendance>>;
