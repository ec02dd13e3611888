using MediatR;

namespace Lms.Contracts.Courses;

/// <summary>
/// The latest published version of each course asked for (of every published course when
/// <see cref="CourseIds"/> is null). Archived and never-published courses are left out.
/// </summary>
public sealed record GetPublishedCourses(IReadOnlyCollection<Guid>? CourseIds = null) : IRequest<IReadOnlyList<PublishedCourse>>;

/// <summary>The course that holds an activity, in its latest published version; null if none does.</summary>
public sealed record FindCourseOfActivity(Guid ActivityId) : IRequest<PublishedCourse?>;

/// <summary>A new version of a course was published (learners see it from now on).</summary>
public sealed record CoursePublished(Guid CourseId, int Version, DateTimeOffset PublishedAt) : INotification;

/// <summary>
/// A course's current draft in the published shape (version 0), for previewing it as a learner would
/// see it. Null when the course does not exist. Callers must check the viewer may author courses.
/// </summary>
public sealed record GetCourseDraft(Guid CourseId) : IRequest<PublishedCourse?>;
