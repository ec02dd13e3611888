using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Features.Learn.Preview;
using CompleteActivityCommand = Lms.Modules.Learning.Features.CompleteActivity.CompleteActivity;
using SubmitQuizAttemptCommand = Lms.Modules.Learning.Features.SubmitQuizAttempt.SubmitQuizAttempt;
using SubmitQuizAttempt = Lms.Modules.Learning.Features.SubmitQuizAttempt;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning.Features.Learn.Pages;

/// <summary>One activity of a course: read a lesson, answer a quiz, write a reflection, fill in a survey, see a workshop.</summary>
[Authorize(Policy = "TakeCourses")]
public sealed class ActivityPageModel(LearnerCourses courses, LearningDbContext db, IMediator mediator, Domain.SiteCalendar calendar, IStringLocalizer<LearningStrings> T,
    IAuthorizationService authorization) : PageModel
{
    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    /// <summary>A moment as the site's clock shows it.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    internal LearnerCourse Learner { get; private set; } = null!;
    internal PublishedActivity Activity { get; private set; } = null!;
    internal QuizResult? QuizResult { get; private set; }
    internal IReadOnlyList<QuizQuestion> Questions { get; private set; } = [];
    internal Response? Submitted { get; private set; }
    internal int AttemptsUsed { get; private set; }
    public string? Error { get; private set; }
    [TempData] public string? Done { get; set; }

    [BindProperty] public string? Text { get; set; }
    public Dictionary<string, int> SurveyAnswers { get; } = [];
    public HashSet<Guid> Chosen { get; } = [];

    /// <summary>Set when an author looks at the course's draft: everything opens, nothing is recorded.</summary>
    public CoursePreview? Preview { get; private set; }

    public string CourseHref => Preview?.CourseHref ?? $"/learn/courses/{Learner.Course.Id}";

    public string ActivityHref(Guid activityId) => Preview?.ActivityHref(activityId) ?? $"/learn/activities/{activityId}";

    /// <summary>
    /// Where a form of this page posts. Written out rather than generated: with the preview's second route
    /// the page's link generation has no single answer, and an empty action would lose the handler.
    /// </summary>
    public string FormAction(string handler) => Preview is { } preview
        ? $"{preview.ActivityHref(Activity.Id)}&handler={handler}"
        : $"/learn/activities/{Activity.Id}?handler={handler}";

    internal bool IsLocked => Preview is null && Learner.Progress.IsLocked(Activity.Id);
    internal bool IsDone => Learner.Progress.IsDone(Activity.Id);

    internal PublishedActivity? Following =>
        Learner.Course.Activities.SkipWhile(a => a.Id != Activity.Id).Skip(1).FirstOrDefault();

    /// <param name="attempt">After answering a quiz: the attempt whose result to show (the answer is redirected here, so a reload changes nothing).</param>
    public async Task<IActionResult> OnGetAsync(Guid id, int? attempt, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (attempt is { } number && Activity.Quiz is { } quiz)
        {
            var stored = await db.QuizAttempts.AsNoTracking()
                .FirstOrDefaultAsync(a => a.StaffId == Learner.Enrolment.StaffId && a.ActivityId == id && a.Number == number, cancellationToken);
            QuizResult = stored is null ? null : SubmitQuizAttempt.QuizFeedback.For(quiz, stored);
        }

        return Page();
    }

    private IActionResult? PreviewOnly()
    {
        if (Preview is null)
        {
            return null;
        }

        Error = T["This is a preview: nothing is saved. Learners will be able to submit here."];
        return Page();
    }

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken) =>
        SubmitAsync(id, staffId => new CompleteActivityCommand(staffId, id), cancellationToken);

    public Task<IActionResult> OnPostReflectionAsync(Guid id, CancellationToken cancellationToken) =>
        SubmitAsync(id, staffId => new CompleteActivityCommand(staffId, id, Text: Text), cancellationToken);

    public Task<IActionResult> OnPostSurveyAsync(Guid id, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in Request.Form)
        {
            if (key.StartsWith("item.", StringComparison.Ordinal) && int.TryParse(value, out var answer))
            {
                SurveyAnswers[key["item.".Length..]] = answer;
            }
        }

        return SubmitAsync(id, staffId => new CompleteActivityCommand(staffId, id, Answers: SurveyAnswers), cancellationToken);
    }

    public async Task<IActionResult> OnPostQuizAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        var answers = new Dictionary<Guid, IReadOnlyList<Guid>>();
        foreach (var (key, values) in Request.Form)
        {
            if (key.StartsWith("q.", StringComparison.Ordinal) && Guid.TryParse(key[2..], out var question))
            {
                var options = values.Select(v => Guid.TryParse(v, out var o) ? o : Guid.Empty).ToList();
                answers[question] = options;
                Chosen.UnionWith(options);
            }
        }

        if (Preview is not null)
        {
            // The author tries the quiz: scored and explained exactly as for a learner, stored nowhere.
            var quiz = Activity.Quiz!;
            var all = quiz.Questions.ToDictionary(q => q.Id, q => answers.GetValueOrDefault(q.Id, []));
            var score = SubmitQuizAttempt.QuizFeedback.Score(quiz, all);
            QuizResult = SubmitQuizAttempt.QuizFeedback.Build(quiz, all, 1, score, score >= quiz.PassPercent);
            return Page();
        }

        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        var result = await mediator.Send(new SubmitQuizAttemptCommand(staffId, id, answers), cancellationToken);
        if (!result.Succeeded)
        {
            Error = result.Message;
            return Page();
        }

        if (result.CourseCompleted && !Learner.Progress.CourseCompleted)
        {
            Done = T["Course complete! You have finished every required activity of {0}.", Learner.Course.Title];
        }

        return Redirect($"/learn/activities/{id}?attempt={result.Quiz!.Attempt}");
    }

    private async Task<IActionResult> SubmitAsync(Guid id, Func<Guid, CompleteActivityCommand> command, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (PreviewOnly() is { } preview)
        {
            return preview;
        }

        if (User.GetStaffId() is not { } staffId)
        {
            return NotFound();
        }

        var result = await mediator.Send(command(staffId), cancellationToken);
        if (!result.Succeeded)
        {
            Error = result.Message;
            return Page();
        }

        Done = result.CourseCompleted && !result.AlreadyDone
            ? T["Course complete! You have finished every required activity of {0}.", Learner.Course.Title]
            : T["Done. Your progress: {0}%.", result.Percent];
        // On to the next activity, as a learner would expect after finishing one.
        return Following is { } next && !result.CourseCompleted ? Redirect(ActivityHref(next.Id)) : Redirect(CourseHref);
    }

    /// <returns>Null when the page can be shown; otherwise what to answer instead (not found, forbidden).</returns>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var courseId = RouteData.Values.TryGetValue("courseId", out var value) && Guid.TryParse(value as string, out var parsed) ? parsed : Guid.Empty;
        var (requested, preview) = await CoursePreview.FromAsync(HttpContext, authorization, courseId);
        if (requested && preview is null)
        {
            return Forbid();
        }

        Preview = preview;
        var learner = preview is not null ? await courses.PreviewAsync(courseId, cancellationToken)
            : User.GetStaffId() is { } staffId ? await courses.FindByActivityAsync(staffId, id, cancellationToken) : null;
        var activity = learner?.Course.FindActivity(id);
        if (learner is null || activity is null)
        {
            return NotFound();
        }

        (Learner, Activity) = (learner, activity);
        zone = await calendar.ZoneAsync(cancellationToken);
        if (preview is not null)
        {
            Questions = activity.Quiz is { } draftQuiz ? ActivityStates.Arrange(draftQuiz, Guid.Empty, 1) : [];
            return null;
        }

        Submitted = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.StaffId == learner.Enrolment.StaffId && r.ActivityId == id, cancellationToken);
        if (activity.Quiz is { } quiz)
        {
            AttemptsUsed = await db.QuizAttempts.CountAsync(a => a.StaffId == learner.Enrolment.StaffId && a.ActivityId == id, cancellationToken);
            Questions = ActivityStates.Arrange(quiz, learner.Enrolment.StaffId, AttemptsUsed + 1);
        }

        return null;
    }
}
