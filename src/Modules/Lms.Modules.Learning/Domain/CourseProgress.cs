using Lms.Contracts.Courses;

namespace Lms.Modules.Learning.Domain;

internal enum EnrolmentStatus
{
    NotStarted,
    InProgress,
    Completed,
}

/// <summary>
/// Where a person stands in the current version of a course. Completions are kept by activity id,
/// which survives new versions: what still exists stays done, what a version adds is still to do,
/// and a course once completed stays completed.
/// </summary>
internal sealed class CourseProgress
{
    private readonly PublishedCourse course;
    private readonly IReadOnlySet<Guid> completed;
    private readonly HashSet<Guid> locked = [];

    public CourseProgress(PublishedCourse course, IReadOnlySet<Guid> completedActivities, bool courseCompleted)
    {
        this.course = course;
        completed = completedActivities;
        CourseCompleted = courseCompleted;
        var required = course.Activities.Where(a => a.Required).ToList();
        RequiredCount = required.Count;
        RequiredDone = required.Count(a => completed.Contains(a.Id));
        if (course.Sequential)
        {
            // An activity opens once every required activity before it is done.
            var blocked = false;
            foreach (var activity in course.Activities)
            {
                if (blocked && !completed.Contains(activity.Id))
                {
                    locked.Add(activity.Id);
                }

                // A workshop is a session on a date, not a step the learner can take now: it never holds up the rest.
                blocked |= activity.Required && !completed.Contains(activity.Id) && activity.Kind != ActivityKind.Workshop;
            }
        }
    }

    public bool CourseCompleted { get; }
    public int RequiredCount { get; }
    public int RequiredDone { get; }
    public bool AllRequiredDone => RequiredDone == RequiredCount;
    public bool AnyDone => course.Activities.Any(a => completed.Contains(a.Id));

    public int Percent => CourseCompleted || RequiredCount == 0 ? 100 : (int)Math.Floor(100.0 * RequiredDone / RequiredCount);

    public EnrolmentStatus Status => CourseCompleted ? EnrolmentStatus.Completed : AnyDone ? EnrolmentStatus.InProgress : EnrolmentStatus.NotStarted;

    /// <summary>
    /// The first activity the learner can do now (required ones first; a workshop only when nothing else
    /// is left, since it waits for a session), or null when nothing is left.
    /// </summary>
    public PublishedActivity? Next =>
        Open().FirstOrDefault(a => a.Required && a.Kind != ActivityKind.Workshop)
        ?? Open().FirstOrDefault(a => a.Kind != ActivityKind.Workshop)
        ?? Open().FirstOrDefault();

    private IEnumerable<PublishedActivity> Open() => course.Activities.Where(a => !completed.Contains(a.Id) && !locked.Contains(a.Id));

    public bool IsDone(Guid activityId) => completed.Contains(activityId);

    public bool IsLocked(Guid activityId) => locked.Contains(activityId);
}
