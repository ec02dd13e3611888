using Lms.Contracts.Courses;
using MediatR;

namespace Lms.Contracts.Learning;

/// <summary>One completed activity: who, which (course, activity, kind) and when.</summary>
public sealed record LearnerCompletion(Guid StaffId, Guid CourseId, Guid ActivityId, ActivityKind Kind, DateTimeOffset CompletedAt);

/// <summary>A course a person is enrolled in (not withdrawn): its due date and, once done, when and in which version it was completed.</summary>
public sealed record LearnerEnrolment(Guid StaffId, Guid CourseId, DateOnly? DueDate, DateTimeOffset? CompletedAt, int? CompletedVersion = null);

/// <summary>What people have done: their standing activity completions and their current enrolments.</summary>
public sealed record LearningRecords(IReadOnlyList<LearnerCompletion> Completions, IReadOnlyList<LearnerEnrolment> Enrolments);

/// <summary>
/// The learning records of the given people, or of everyone when <see cref="StaffIds"/> is null (for
/// reconciling jobs: badges, points, reports). Set-based: one pass, not one query per person. Callers that need only
/// the enrolments pass <paramref name="IncludeCompletions"/> false (the completions list is then empty).
/// </summary>
public sealed record GetLearningRecords(IReadOnlyCollection<Guid>? StaffIds = null, bool IncludeCompletions = true) : IRequest<LearningRecords>;
