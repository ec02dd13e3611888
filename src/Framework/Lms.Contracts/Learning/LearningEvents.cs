using Lms.Contracts.Courses;
using MediatR;

namespace Lms.Contracts.Learning;

/// <summary>A person completed an activity (once per person and activity, whatever the retries).</summary>
public sealed record ActivityCompleted(Guid StaffId, Guid CourseId, int CourseVersion, Guid ActivityId, ActivityKind Kind, DateTimeOffset CompletedAt) : INotification;

/// <summary>A person completed every required activity of a course (once per person and course).</summary>
public sealed record CourseCompleted(Guid StaffId, Guid CourseId, int CourseVersion, DateTimeOffset CompletedAt) : INotification;

/// <summary>Answers to a survey (e.g. the Step-0 mindset survey, phase pre or post), by item key.</summary>
public sealed record SurveySubmitted(
    Guid StaffId,
    Guid CourseId,
    Guid ActivityId,
    string? Instrument,
    string? Phase,
    IReadOnlyDictionary<string, int> Answers,
    DateTimeOffset SubmittedAt) : INotification;

/// <summary>
/// People were enrolled in courses, withdrawn from them or given new due dates (by an assignment, a roster change or
/// a course published). One event per batch, after the changes were saved; never published for an empty batch.
/// </summary>
public sealed record EnrolmentsChanged(IReadOnlyList<Guid> StaffIds, DateTimeOffset ChangedAt) : INotification;
