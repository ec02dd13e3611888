namespace Lms.Modules.Courses.Data;

internal enum CourseStatus
{
    Draft,
    Published,
    Archived,
}

/// <summary>
/// A course as its authors see it: the draft being edited (a JSON document) and which published
/// version learners get. <see cref="DraftRevision"/> refuses a second author's stale save.
/// </summary>
internal sealed class Course
{
    public Guid Id { get; set; }
    /// <summary>Stable name for courses installed by a recipe ("step0-general"); null for courses written in the CMS.</summary>
    public string? Key { get; set; }
    public required string Title { get; set; }
    public CourseStatus Status { get; set; }
    public required string DraftJson { get; set; }
    public int DraftRevision { get; set; }
    public int? PublishedVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>A published version: never changed once written, so learners' pages may cache it.</summary>
internal sealed class CourseVersion
{
    public Guid Id { get; set; }
    public Guid CourseId { get; set; }
    public int Version { get; set; }
    public required string ContentJson { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}
