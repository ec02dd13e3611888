using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Learning.Domain;

namespace Lms.Modules.Learning.Features.Learn;

/// <summary>What the learner is told about an enrolment, on the home page and through the API.</summary>
internal sealed record EnrolmentView(
    Guid CourseId,
    string Title,
    string Summary,
    string? Tier,
    DateOnly? DueDate,
    string Status,
    bool Overdue,
    int? DaysOverdue,
    int PercentComplete,
    Guid? NextActivityId,
    string? NextActivityTitle,
    int EstimatedMinutes,
    DateTimeOffset? CompletedAt,
    [property: System.Text.Json.Serialization.JsonIgnore] DateOnly? CompletedOn)
{
    public static EnrolmentView From(LearnerCourse learner, DateOnly today, TimeZoneInfo zone)
    {
        var (course, enrolment, progress) = (learner.Course, learner.Enrolment, learner.Progress);
        var overdue = enrolment.CompletedAt is null && enrolment.DueDate is { } due && due < today;
        var next = enrolment.CompletedAt is null ? progress.Next : null;
        return new EnrolmentView(course.Id, course.Title, course.Summary, course.Tiers.Count == 1 ? course.Tiers[0].ToApiValue() : null,
            enrolment.DueDate, StatusName(progress.Status), overdue, overdue ? today.DayNumber - enrolment.DueDate!.Value.DayNumber : null,
            progress.Percent, next?.Id, next?.Title, course.EstimatedMinutes, enrolment.CompletedAt,
            enrolment.CompletedAt is { } done ? SiteCalendar.DayOf(done, zone) : null);
    }

    public static string StatusName(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.Completed => "completed",
        EnrolmentStatus.InProgress => "inProgress",
        _ => "notStarted",
    };

    /// <summary>Courses in the order a learner should take them: unfinished first (earliest due first), the common core before tier courses.</summary>
    public static IEnumerable<EnrolmentView> Order(IEnumerable<EnrolmentView> views) =>
        views.OrderBy(v => v.Status == "completed")
            .ThenBy(v => v.DueDate ?? DateOnly.MaxValue)
            .ThenBy(v => v.Tier is not null)
            .ThenBy(v => v.Title, StringComparer.Ordinal);
}

/// <summary>An activity's state for one learner.</summary>
internal static class ActivityStates
{
    public static string Of(CourseProgress progress, PublishedActivity activity) =>
        progress.IsDone(activity.Id) ? "completed" : progress.IsLocked(activity.Id) ? "locked" : "open";

    /// <summary>The order a learner sees a quiz in: shuffled if the author asked, but the same on every reload of the same attempt.</summary>
    public static IReadOnlyList<QuizQuestion> Arrange(QuizContent quiz, Guid staffId, int attempt)
    {
        if (!quiz.Shuffle)
        {
            return quiz.Questions;
        }

        // Seeded from the person and attempt number (not string.GetHashCode, which differs between processes and nodes).
        var random = new Random(BitConverter.ToInt32(staffId.ToByteArray(), 0) ^ (attempt * 7919));
        return quiz.Questions.OrderBy(_ => random.Next())
            .Select(q => q with { Options = q.Options.OrderBy(_ => random.Next()).ToList() })
            .ToList();
    }
}
