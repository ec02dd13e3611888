using Lms.Contracts.Courses;
using Lms.Framework.Content;
using Lms.Modules.Learning.Features.Learn;

namespace Lms.Modules.Learning.Api;

/// <summary>A course as the API gives it to its learner: everything needed to take it, and never a quiz's answers.</summary>
internal static class CourseDocument
{
    public static object Build(LearnerCourse learner, EnrolmentView enrolment, IMarkdownRenderer markdown, Func<Guid, (int Count, int? Best)> attempts)
    {
        var (course, progress) = (learner.Course, learner.Progress);
        return new
        {
            id = course.Id,
            version = course.Version,
            title = course.Title,
            summary = course.Summary,
            tiers = course.Tiers.Select(t => Lms.Contracts.Organization.StaffTierNames.ToApiValue(t)),
            estimatedMinutes = course.EstimatedMinutes,
            sequential = course.Sequential,
            enrolment = new { enrolment.DueDate, enrolment.Status, enrolment.Overdue, enrolment.PercentComplete, enrolment.NextActivityId, enrolment.CompletedAt },
            sections = course.Sections.Select(s => new
            {
                id = s.Id,
                title = s.Title,
                summary = s.Summary,
                activities = s.Activities.Select(a => progress.IsLocked(a.Id) ? Locked(a) : new
                {
                    id = a.Id,
                    kind = a.Kind.ToString().ToLowerInvariant(),
                    title = a.Title,
                    estimatedMinutes = a.EstimatedMinutes,
                    required = a.Required,
                    state = ActivityStates.Of(progress, a),
                    lesson = a.Lesson is { } l ? new { bodyMarkdown = l.Body, bodyHtml = markdown.Render(l.Body).ToString(), videoUrl = l.VideoUrl, attachmentUrl = l.AttachmentUrl } : null,
                    quiz = a.Quiz is { } q ? Quiz(q, learner, attempts(a.Id)) : null,
                    reflection = a.Reflection is { } r ? new { prompt = r.Prompt, minLength = r.MinLength, sharedWithFacilitator = r.ShareWithFacilitator } : null,
                    survey = a.Survey is { } v ? new { instrument = v.Instrument, phase = v.Phase, intro = v.Intro, scale = v.Scale, items = v.Items.Select(i => new { key = i.Key, text = i.Text }) } : null,
                    workshop = a.Workshop is { } w ? new { description = w.Description, durationMinutes = w.DurationMinutes, delivery = w.Delivery } : null,
                }),
            }),
        };
    }

    /// <summary>A locked activity is named, not shown: its content opens with it.</summary>
    private static object Locked(PublishedActivity a) => new
    {
        id = a.Id,
        kind = a.Kind.ToString().ToLowerInvariant(),
        title = a.Title,
        estimatedMinutes = a.EstimatedMinutes,
        required = a.Required,
        state = "locked",
        lesson = (object?)null,
        quiz = (object?)null,
        reflection = (object?)null,
        survey = (object?)null,
        workshop = (object?)null,
    };

    private static object Quiz(QuizContent quiz, LearnerCourse learner, (int Count, int? Best) attempts) => new
    {
        intro = quiz.Intro,
        passPercent = quiz.PassPercent,
        attemptsAllowed = quiz.AttemptsAllowed,
        attemptsUsed = attempts.Count,
        bestScore = attempts.Best,
        questions = ActivityStates.Arrange(quiz, learner.Enrolment.StaffId, attempts.Count + 1).Select(q => new
        {
            id = q.Id,
            text = q.Text,
            multiple = q.Multiple,
            options = q.Options.Select(o => new { id = o.Id, text = o.Text }),
        }),
    };
}
