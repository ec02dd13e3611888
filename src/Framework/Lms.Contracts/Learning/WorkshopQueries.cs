using MediatR;

namespace Lms.Contracts.Learning;

/// <summary>A workshop activity of a course a person is enrolled in (not withdrawn), and whether it is done.</summary>
public sealed record WorkshopEnrolment(Guid ActivityId, Guid CourseId, bool Completed, DateOnly? DueDate);

/// <summary>The workshop activities the person is enrolled in; registration for sessions is open only for these.</summary>
public sealed record GetWorkshopEnrolments(Guid StaffId) : IRequest<IReadOnlyList<WorkshopEnrolment>>;

/// <summary>A completed workshop activity (who, which, when).</summary>
public sealed record WorkshopCompletion(Guid StaffId, Guid ActivityId, DateTimeOffset CompletedAt);

/// <summary>Every completed workshop activity, oldest first (the demo history builds its past sessions from them).</summary>
public sealed record GetWorkshopCompletions : IRequest<IReadOnlyList<WorkshopCompletion>>;

/// <summary>
/// A completion was taken back (a workshop sign-off reversed). When it had completed the course, the
/// course is in progress again and <see cref="CourseCompletionReversed"/> is true.
/// </summary>
public sealed record ActivityCompletionReversed(Guid StaffId, Guid CourseId, Guid ActivityId, bool CourseCompletionReversed, DateTimeOffset ReversedAt) : INotification;
