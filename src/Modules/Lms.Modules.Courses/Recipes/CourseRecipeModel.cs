using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Courses.Domain;

namespace Lms.Modules.Courses.Recipes;

/// <summary>
/// A course as a recipe writes it (see docs/recipes.md). Everything has a key instead of an id; ids
/// are derived from the keys, so re-running a changed recipe keeps learners' progress on activities
/// that are still there.
/// </summary>
internal sealed class RecipeCourse
{
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public List<string> Tiers { get; set; } = [];
    public int EstimatedMinutes { get; set; }
    public string? CoverImageUrl { get; set; }
    public bool Sequential { get; set; }
    public List<RecipeSection> Sections { get; set; } = [];

    public Guid Id => StableGuid.From("course:" + Key);

    public IEnumerable<string> TierProblems() =>
        Tiers.Where(t => !StaffTierNames.TryParse(t, out _)).Select(t => $"unknown tier '{t}' (executive, manager, general).");

    public CourseContent ToContent()
    {
        var scope = "course:" + Key;
        return new CourseContent(Title, Summary, Tiers.Select(StaffTierNames.Parse).Distinct().ToList(), EstimatedMinutes, CoverImageUrl, Sequential,
            Sections.Select(s => new PublishedSection(StableGuid.From($"{scope}/section:{s.Key}"), s.Key, s.Title, s.Summary,
                s.Activities.Select(a => a.ToActivity(scope)).ToList())).ToList());
    }
}

internal sealed class RecipeSection
{
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public List<RecipeActivity> Activities { get; set; } = [];
}

internal sealed class RecipeActivity
{
    public string Key { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public int EstimatedMinutes { get; set; }
    public bool Required { get; set; } = true;

    public string? Body { get; set; }
    public string? VideoUrl { get; set; }
    public string? AttachmentUrl { get; set; }
    public string? AttachmentName { get; set; }

    public string? Intro { get; set; }
    public int PassPercent { get; set; } = 80;
    public int AttemptsAllowed { get; set; }
    public bool Shuffle { get; set; } = true;
    public List<RecipeQuestion> Questions { get; set; } = [];

    public string? Prompt { get; set; }
    public int MinLength { get; set; }
    public bool ShareWithFacilitator { get; set; }

    public string? Instrument { get; set; }
    public string? Phase { get; set; }
    public int Scale { get; set; } = 5;
    public List<RecipeSurveyItem> Items { get; set; } = [];

    public string? Description { get; set; }
    public string? FacilitatorNotes { get; set; }
    public int DurationMinutes { get; set; }
    public string Delivery { get; set; } = "onsite";

    public bool TryGetKind(out ActivityKind kind) => Enum.TryParse(Kind, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(Kind, out _);

    public PublishedActivity ToActivity(string courseScope)
    {
        var scope = $"{courseScope}/activity:{Key}";
        TryGetKind(out var kind);
        return new PublishedActivity(StableGuid.From(scope), Key, kind, Title, EstimatedMinutes, Required,
            Lesson: kind == ActivityKind.Lesson ? new LessonContent(Body ?? "", VideoUrl, AttachmentUrl, AttachmentName) : null,
            Quiz: kind == ActivityKind.Quiz
                ? new QuizContent(Intro, PassPercent, AttemptsAllowed, Shuffle, Questions.Select(q => new QuizQuestion(
                    StableGuid.From($"{scope}/q:{q.Key}"), q.Key, q.Text, q.Multiple,
                    q.Options.Select(o => new QuizOption(StableGuid.From($"{scope}/q:{q.Key}/o:{o.Key}"), o.Key, o.Text, o.Correct, o.Feedback)).ToList())).ToList())
                : null,
            Reflection: kind == ActivityKind.Reflection ? new ReflectionContent(Prompt ?? "", MinLength, ShareWithFacilitator) : null,
            Survey: kind == ActivityKind.Survey
                ? new SurveyContent(Instrument, Phase, Intro, Scale, Items.Select(i => new SurveyItem(StableGuid.From($"{scope}/item:{i.Key}"), i.Key, i.Text)).ToList())
                : null,
            Workshop: kind == ActivityKind.Workshop ? new WorkshopContent(Description ?? "", FacilitatorNotes, DurationMinutes, Delivery) : null);
    }
}

internal sealed class RecipeQuestion
{
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    public bool Multiple { get; set; }
    public List<RecipeOption> Options { get; set; } = [];
}

internal sealed class RecipeOption
{
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    public bool Correct { get; set; }
    public string? Feedback { get; set; }
}

internal sealed class RecipeSurveyItem
{
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
}

/// <summary>The way back: a course's content as the recipe that would install it (export, and the editor's working copy).</summary>
internal static class RecipeCourseExport
{
    public static RecipeCourse FromContent(string key, CourseContent content) => new()
    {
        Key = key,
        Title = content.Title,
        Summary = content.Summary,
        Tiers = content.Tiers.Select(StaffTierNames.ToApiValue).ToList(),
        EstimatedMinutes = content.EstimatedMinutes,
        CoverImageUrl = content.CoverImageUrl,
        Sequential = content.Sequential,
        Sections = content.Sections.Select(s => new RecipeSection
        {
            Key = s.Key,
            Title = s.Title,
            Summary = s.Summary,
            Activities = s.Activities.Select(FromActivity).ToList(),
        }).ToList(),
    };

    private static RecipeActivity FromActivity(PublishedActivity a)
    {
        var activity = new RecipeActivity
        {
            Key = a.Key,
            Kind = a.Kind.ToString().ToLowerInvariant(),
            Title = a.Title,
            EstimatedMinutes = a.EstimatedMinutes,
            Required = a.Required,
        };
        if (a.Lesson is { } lesson)
        {
            (activity.Body, activity.VideoUrl, activity.AttachmentUrl, activity.AttachmentName) = (lesson.Body, lesson.VideoUrl, lesson.AttachmentUrl, lesson.AttachmentName);
        }

        if (a.Quiz is { } quiz)
        {
            (activity.Intro, activity.PassPercent, activity.AttemptsAllowed, activity.Shuffle) = (quiz.Intro, quiz.PassPercent, quiz.AttemptsAllowed, quiz.Shuffle);
            activity.Questions = quiz.Questions.Select(q => new RecipeQuestion
            {
                Key = q.Key,
                Text = q.Text,
                Multiple = q.Multiple,
                Options = q.Options.Select(o => new RecipeOption { Key = o.Key, Text = o.Text, Correct = o.Correct, Feedback = o.Feedback }).ToList(),
            }).ToList();
        }

        if (a.Reflection is { } reflection)
        {
            (activity.Prompt, activity.MinLength, activity.ShareWithFacilitator) = (reflection.Prompt, reflection.MinLength, reflection.ShareWithFacilitator);
        }

        if (a.Survey is { } survey)
        {
            (activity.Instrument, activity.Phase, activity.Intro, activity.Scale) = (survey.Instrument, survey.Phase, survey.Intro, survey.Scale);
            activity.Items = survey.Items.Select(i => new RecipeSurveyItem { Key = i.Key, Text = i.Text }).ToList();
        }

        if (a.Workshop is { } workshop)
        {
            (activity.Description, activity.FacilitatorNotes, activity.DurationMinutes, activity.Delivery) = (workshop.Description, workshop.FacilitatorNotes, workshop.DurationMinutes, workshop.Delivery);
        }

        return activity;
    }
}
