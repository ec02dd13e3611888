using Lms.Contracts.Organization;

namespace Lms.Contracts.Courses;

public enum ActivityKind
{
    Lesson,
    Quiz,
    Reflection,
    Survey,
    Workshop,
}

/// <summary>
/// One published, immutable version of a course as learners take it. Activity, question and option
/// ids stay the same from version to version, so progress carries over. Holds the correct answers:
/// never hand it to a client as it is.
/// </summary>
public sealed record PublishedCourse(
    Guid Id,
    string? Key,
    int Version,
    string Title,
    string Summary,
    IReadOnlyList<StaffTier> Tiers,
    int EstimatedMinutes,
    string? CoverImageUrl,
    bool Sequential,
    IReadOnlyList<PublishedSection> Sections,
    DateTimeOffset PublishedAt)
{
    public IEnumerable<PublishedActivity> Activities => Sections.SelectMany(s => s.Activities);

    public PublishedActivity? FindActivity(Guid activityId) => Activities.FirstOrDefault(a => a.Id == activityId);
}

public sealed record PublishedSection(Guid Id, string Key, string Title, string? Summary, IReadOnlyList<PublishedActivity> Activities);

public sealed record PublishedActivity(
    Guid Id,
    string Key,
    ActivityKind Kind,
    string Title,
    int EstimatedMinutes,
    bool Required,
    LessonContent? Lesson = null,
    QuizContent? Quiz = null,
    ReflectionContent? Reflection = null,
    SurveyContent? Survey = null,
    WorkshopContent? Workshop = null);

public sealed record LessonContent(string Body, string? VideoUrl, string? AttachmentUrl, string? AttachmentName);

/// <param name="AttemptsAllowed">0 means unlimited.</param>
public sealed record QuizContent(string? Intro, int PassPercent, int AttemptsAllowed, bool Shuffle, IReadOnlyList<QuizQuestion> Questions);

public sealed record QuizQuestion(Guid Id, string Key, string Text, bool Multiple, IReadOnlyList<QuizOption> Options);

public sealed record QuizOption(Guid Id, string Key, string Text, bool Correct, string? Feedback);

public sealed record ReflectionContent(string Prompt, int MinLength, bool ShareWithFacilitator);

/// <param name="Instrument">Surveys of the same instrument ask the same items (e.g. the Step-0 mindset survey before and after).</param>
/// <param name="Phase"><c>pre</c> or <c>post</c> for a before/after instrument.</param>
public sealed record SurveyContent(string? Instrument, string? Phase, string? Intro, int Scale, IReadOnlyList<SurveyItem> Items);

public sealed record SurveyItem(Guid Id, string Key, string Text);

/// <param name="Delivery"><c>onsite</c>, <c>online</c> or <c>hybrid</c>.</param>
public sealed record WorkshopContent(string Description, string? FacilitatorNotes, int DurationMinutes, string Delivery);
