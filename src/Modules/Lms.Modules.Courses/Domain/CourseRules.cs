using Lms.Contracts.Courses;

namespace Lms.Modules.Courses.Domain;

/// <summary>What every course must satisfy before it can be saved or published, whoever wrote it.</summary>
internal static class CourseRules
{
    public static readonly string[] Deliveries = ["onsite", "online", "hybrid"];

    public static IEnumerable<string> Check(CourseContent course)
    {
        if (string.IsNullOrWhiteSpace(course.Title))
        {
            yield return "the course needs a title.";
        }

        if (course.EstimatedMinutes < 0)
        {
            yield return "estimatedMinutes cannot be negative.";
        }

        if (!IsSafeUrl(course.CoverImageUrl))
        {
            yield return "coverImageUrl must be an http(s) address or a path on this site.";
        }

        foreach (var duplicate in course.Sections.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            yield return $"section '{duplicate.First().Key}' appears more than once.";
        }

        var activities = course.Sections.SelectMany(s => s.Activities).ToList();
        if (activities.Count == 0)
        {
            yield return "the course needs at least one activity.";
        }

        foreach (var duplicate in activities.GroupBy(a => a.Id).Where(g => g.Count() > 1))
        {
            yield return $"activity '{duplicate.First().Key}' appears more than once.";
        }

        foreach (var activity in activities)
        {
            foreach (var problem in Check(activity))
            {
                yield return $"activity '{activity.Key}': {problem}";
            }
        }
    }

    private static IEnumerable<string> Check(PublishedActivity activity)
    {
        if (string.IsNullOrWhiteSpace(activity.Title))
        {
            yield return "needs a title.";
        }

        if (activity.Lesson is { } lesson && (!IsSafeUrl(lesson.VideoUrl) || !IsSafeUrl(lesson.AttachmentUrl)))
        {
            yield return "videoUrl and attachmentUrl must be http(s) addresses or paths on this site.";
        }

        if (activity.Survey is { } survey && survey.Items.GroupBy(i => i.Key).Any(g => g.Count() > 1))
        {
            yield return "every survey item needs a key of its own.";
        }

        switch (activity.Kind)
        {
            case ActivityKind.Lesson when string.IsNullOrWhiteSpace(activity.Lesson?.Body):
                yield return "a lesson needs a body.";
                break;
            case ActivityKind.Quiz:
                foreach (var problem in CheckQuiz(activity.Quiz))
                {
                    yield return problem;
                }

                break;
            case ActivityKind.Reflection when activity.Reflection is not { Prompt.Length: > 0, MinLength: >= 0 }:
                yield return "a reflection needs a prompt and a minimum length of 0 or more.";
                break;
            case ActivityKind.Survey when activity.Survey is not { Scale: >= 2 and <= 10, Items.Count: > 0 }:
                yield return "a survey needs at least one item and a scale of 2 to 10 points.";
                break;
            case ActivityKind.Workshop when activity.Workshop is null || activity.Workshop.DurationMinutes <= 0 || !Deliveries.Contains(activity.Workshop.Delivery):
                yield return "a workshop needs a duration and a delivery of onsite, online or hybrid.";
                break;
        }
    }

    private static IEnumerable<string> CheckQuiz(QuizContent? quiz)
    {
        if (quiz is null || quiz.Questions.Count == 0)
        {
            yield return "a quiz needs at least one question.";
            yield break;
        }

        if (quiz.PassPercent is < 1 or > 100)
        {
            yield return "passPercent must be between 1 and 100.";
        }

        if (quiz.AttemptsAllowed < 0)
        {
            yield return "attemptsAllowed must be 0 (unlimited) or more.";
        }

        if (quiz.Questions.GroupBy(q => q.Id).Any(g => g.Count() > 1))
        {
            yield return "every question needs a key of its own.";
        }

        foreach (var question in quiz.Questions)
        {
            if (question.Options.GroupBy(o => o.Id).Any(g => g.Count() > 1))
            {
                yield return $"question '{question.Key}': every option needs a key of its own.";
            }

            var correct = question.Options.Count(o => o.Correct);
            if (question.Options.Count < 2)
            {
                yield return $"question '{question.Key}' needs at least two options.";
            }
            else if (question.Multiple ? correct < 1 : correct != 1)
            {
                yield return $"question '{question.Key}' needs {(question.Multiple ? "at least one correct option" : "exactly one correct option")}.";
            }
        }
    }

    /// <summary>Links authors give are shown to every learner: only web addresses or paths on this site, never <c>javascript:</c> and the like.</summary>
    public static bool IsSafeUrl(string? url) =>
        string.IsNullOrEmpty(url)
        || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
