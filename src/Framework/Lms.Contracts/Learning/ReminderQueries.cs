using MediatR;

namespace Lms.Contracts.Learning;

/// <summary>
/// An enrolment that is neither completed nor withdrawn, with what reminders are decided on:
/// the due date, when it began and when the person last did something in the course.
/// </summary>
public sealed record ReminderCandidate(Guid StaffId, Guid CourseId, DateOnly? DueDate, DateTimeOffset EnrolledAt, DateTimeOffset? LastActivityAt);

/// <summary>
/// The open enrolments (not completed, not withdrawn) that may call for a reminder: due on or before
/// <see cref="DueOnOrBefore"/> (due soon or overdue), or with nothing done since <see cref="InactiveSince"/>
/// (last activity, or the enrolment when nothing was done yet). Set-based: one query over all
/// enrolments, filtered in the database; <see cref="CourseIds"/> narrows it to some courses.
/// </summary>
public sealed record GetReminderCandidates(DateOnly? DueOnOrBefore, DateTimeOffset? InactiveSince, IReadOnlyCollection<Guid>? CourseIds = null)
    : IRequest<IReadOnlyList<ReminderCandidate>>;
