using Lms.Contracts.Courses;

namespace Lms.Modules.Courses.Domain;

/// <summary>What every course must satisfy before it can be saved or published, whoever wrote it.</summary>
internal static class CourseRules
{
    public static readonly string[] Deliveries = ["onsite", "online", "hybrid"];

    public static IEnumerable<CourseProblem> Check(CourseContent course)
    {
        foreach (var problem in CheckDetails(course))
        {
            yield return problem;
        }

        var activities = course.Sections.SelectMany(s => s.Activities).ToList();
        if (activities.Count == 0)
        {
            yield return new("The course needs at least one activity.");
        }

        foreach (var problem in CheckOutline(course).Concat(activities.SelectMany(Check)))
        {
            yield return problem;
        }
    }

    /// <summary>What the course's own fields must satisfy (a draft is checked with this on every save).</summary>
    public static IEnumerable<CourseProblem> CheckDetails(CourseContent course)
    {
        if (string.IsNullOrWhiteSpace(course.Title))
        {
            yield return new("The course needs a title.");
        }

        if (course.Title.Length > 200)
        {
            yield return new("The course title can be at most 200 characters.");
        }

        if (course.EstimatedMinutes < 0)
        {
            yield return new("The estimated time cannot be negative.");
        }

        if (!IsSafeUrl(course.CoverImageUrl))
        {
            yield return new("The cover image must be an http(s) address or a path on this site.");
        }
    }

    private static IEnumerable<CourseProblem> CheckOutline(CourseContent course)
    {
        foreach (var duplicate in course.Sections.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            yield return new("Section \"{0}\" appears more than once.", duplicate.First().Key);
        }

        foreach (var duplicate in course.Sections.SelectMany(s => s.Activities).GroupBy(a => a.Id).Where(g => g.Count() > 1))
        {
            yield return new("Activity \"{0}\" appears more than once.", duplicate.First().Key);
        }
    }

    /// <summary>What one activity must satisfy; messages name it by its title (or key while it has none).</summary>
    public static IEnumerable<CourseProblem> Check(PublishedActivity activity)
    {
        var name = string.IsNullOrWhiteSpace(activity.Title) ? activity.Key : activity.Title;
        if (string.IsNullOrWhiteSpace(activity.Title))
        {
            yield return new("Activity \"{0}\" needs a title.", name);
        }

        if (activity.Lesson is { } lesson && (!IsSafeUrl(lesson.VideoUrl) || !IsSafeUrl(lesson.AttachmentUrl)))
        {
            yield return new("\"{0}\": the video and attachment links must be http(s) addresses or paths on this site.", name);
        }

        if (activity.Survey is { } survey && survey.Items.GroupBy(i => i.Key).Any(g => g.Count() > 1))
        {
            yield return new("\"{0}\": every survey item needs a key of its own.", name);
        }

        switch (activity.Kind)
        {
            case ActivityKind.Lesson when string.IsNullOrWhiteSpace(activity.Lesson?.Body):
                yield return new("\"{0}\": a lesson needs a body.", name);
                break;
            case ActivityKind.Quiz:
                foreach (var problem in CheckQuiz(name, activity.Quiz))
                {
                    yield return problem;
                }

                break;
            case ActivityKind.Reflection when activity.Reflection is not { Prompt.Length: > 0, MinLength: >= 0 }:
                yield return new("\"{0}\": a reflection needs a prompt and a minimum length of 0 or more.", name);
                break;
            case ActivityKind.Survey when activity.Survey is not { Scale: >= 2 and <= 10, Items.Count: > 0 }:
                yield return new("\"{0}\": a survey needs at least one item and a scale of 2 to 10 points.", name);
                break;
            case ActivityKind.Survey when activity.Survey is { } items && items.Items.Any(i => string.IsNullOrWhiteSpace(i.Text)):
                yield return new("\"{0}\": every survey item needs a text.", name);
                break;
            case ActivityKind.Workshop when activity.Workshop is null || activity.Workshop.DurationMinutes <= 0 || !Deliveries.Contains(activity.Workshop.Delivery):
                yield return new("\"{0}\": a workshop needs a duration and a delivery of onsite, online or hybrid.", name);
                break;
        }
    }

    private static IEnumerable<CourseProblem> CheckQuiz(string name, QuizContent? quiz)
    {
        if (quiz is null || quiz.Questions.Count == 0)
        {
            yield return new("\"{0}\": a quiz needs at least one question.", name);
            yield break;
        }

        if (quiz.PassPercent is < 1 or > 100)
        {
            yield return new("\"{0}\": the pass mark must be between 1 and 100 %.", name);
        }

        if (quiz.AttemptsAllowed < 0)
        {
            yield return new("\"{0}\": the number of attempts must be 0 (unlimited) or more.", name);
        }

        if (quiz.Questions.GroupBy(q => q.Id).Any(g => g.Count() > 1))
        {
            yield return new("\"{0}\": every question needs a key of its own.", name);
        }

        var number = 0;
        foreach (var question in quiz.Questions)
        {
            number++;
            if (string.IsNullOrWhiteSpace(question.Text))
            {
                yield return new("\"{0}\", question {1}: the question needs a text.", name, number);
            }

            if (question.Options.GroupBy(o => o.Id).Any(g => g.Count() > 1))
            {
                yield return new("\"{0}\", question {1}: every option needs a key of its own.", name, number);
            }

            if (question.Options.Any(o => string.IsNullOrWhiteSpace(o.Text)))
            {
                yield return new("\"{0}\", question {1}: every option needs a text.", name, number);
            }

            var correct = question.Options.Count(o => o.Correct);
            if (question.Options.Count < 2)
            {
                yield return new("\"{0}\", question {1}: needs at least two options.", name, number);
            }
            else if (question.Multiple ? correct < 1 : correct != 1)
            {
                yield return question.Multiple
                    ? new("\"{0}\", question {1}: mark at least one option as correct.", name, number)
                    : new("\"{0}\", question {1}: mark exactly one option as correct.", name, number);
            }
        }
    }

    /// <summary>Links authors give are shown to every learner: only web addresses or paths on this site, never <c>javascript:</c> and the like.</summary>
    public static bool IsSafeUrl(string? url) =>
        string.IsNullOrEmpty(url)
        || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
