using Lms.Contracts.Courses;
using Lms.Contracts.Organization;

namespace Lms.Modules.Learning.Data;

internal enum AssignmentAudience
{
    Everyone,
    Tier,
    OrgUnit,
}

/// <summary>"Course X for audience Y, due on Z" (a programme assignment). People are enrolled from it.</summary>
internal sealed class Assignment
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public AssignmentAudience Audience { get; set; }
    public StaffTier? Tier { get; set; }
    public Guid? OrgUnitId { get; set; }
    public bool IncludeSubUnits { get; set; } = true;
    public DateOnly? DueDate { get; set; }
    /// <summary>Set for assignments a recipe made, so running the recipe again finds them.</summary>
    public string? Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A person taking a course. Kept when the person no longer matches any assignment (withdrawn), so
/// their history stays; a completion is never undone.
/// </summary>
internal sealed class Enrolment
{
    public Guid Id { get; set; }
    public Guid StaffId { get; set; }
    public Guid CourseId { get; set; }
    public Guid? AssignmentId { get; set; }
    public DateOnly? DueDate { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int? CompletedVersion { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class ActivityCompletion
{
    public Guid Id { get; set; }
    public Guid StaffId { get; set; }
    public Guid CourseId { get; set; }
    public Guid ActivityId { get; set; }
    public ActivityKind Kind { get; set; }
    public int CourseVersion { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
}

internal sealed class QuizAttempt
{
    public Guid Id { get; set; }
    public Guid StaffId { get; set; }
    public Guid CourseId { get; set; }
    public Guid ActivityId { get; set; }
    /// <summary>1, 2, 3…: unique per person and quiz, so a double submit records one attempt.</summary>
    public int Number { get; set; }
    public required string AnswersJson { get; set; }
    public int ScorePercent { get; set; }
    public bool Passed { get; set; }
    public int CourseVersion { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>A reflection's text or a survey's answers (one per person and activity).</summary>
internal sealed class Response
{
    public Guid Id { get; set; }
    public Guid StaffId { get; set; }
    public Guid CourseId { get; set; }
    public Guid ActivityId { get; set; }
    public ActivityKind Kind { get; set; }
    public string? Text { get; set; }
    public string? AnswersJson { get; set; }
    public string? Instrument { get; set; }
    public string? Phase { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
}
