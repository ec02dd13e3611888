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
    /// <summary>The draft revision that was last published: the draft has unpublished changes when it differs.</summary>
    public int? PublishedRevision { get; set; }
    /// <summary>The draft's tiers as ",general,manager," so the course list can filter on them in SQL.</summary>
    public string Tiers { get; set; } = "";
    /// <summary>An author without the right to publish asked for this draft to be reviewed and published.</summary>
    public DateTimeOffset? ReviewRequestedAt { get; set; }
    public string? ReviewRequestedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
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
