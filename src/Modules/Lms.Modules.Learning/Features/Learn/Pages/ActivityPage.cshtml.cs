using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Learning.Data;
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
public sealed class ActivityPageModel(LearnerCourses courses, LearningDbContext db, IMediator mediator, Domain.SiteCalendar calendar, IStringLocalizer<LearningStrings> T) : PageModel
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

    internal bool IsLocked => Learner.Progress.IsLocked(Activity.Id);
    internal bool IsDone => Learner.Progress.IsDone(Activity.Id);

    internal PublishedActivity? Following =>
        Learner.Course.Activities.SkipWhile(a => a.Id != Activity.Id).Skip(1).FirstOrDefault();

    /// <param name="attempt">After answering a quiz: the attempt whose result to show (the answer is redirected here, so a reload changes nothing).</param>
    public async Task<IActionResult> OnGetAsync(Guid id, int? attempt, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (attempt is { } number && Activity.Quiz is { } quiz)
        {
            var stored = await db.QuizAttempts.AsNoTracking()
                .FirstOrDefaultAsync(a => a.StaffId == Learner.Enrolment.StaffId && a.ActivityId == id && a.Number == number, cancellationToken);
            QuizResult = stored is null ? null : SubmitQuizAttempt.QuizFeedback.For(quiz, stored);
        }

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
        if (User.GetStaffId() is not { } staffId || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
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
        if (User.GetStaffId() is not { } staffId || !await LoadAsync(id, cancellationToken))
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
        return Following is { } next && !result.CourseCompleted ? Redirect($"/learn/activities/{next.Id}") : Redirect($"/learn/courses/{Learner.Course.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var learner = User.GetStaffId() is { } staffId ? await courses.FindByActivityAsync(staffId, id, cancellationToken) : null;
        var activity = learner?.Course.FindActivity(id);
        if (learner is null || activity is null)
        {
            return false;
        }

        (Learner, Activity) = (learner, activity);
        zone = await calendar.ZoneAsync(cancellationToken);
        Submitted = await db.Responses.AsNoTracking().FirstOrDefaultAsync(r => r.StaffId == learner.Enrolment.StaffId && r.ActivityId == id, cancellationToken);
        if (activity.Quiz is { } quiz)
        {
            AttemptsUsed = await db.QuizAttempts.CountAsync(a => a.StaffId == learner.Enrolment.StaffId && a.ActivityId == id, cancellationToken);
            Questions = ActivityStates.Arrange(quiz, learner.Enrolment.StaffId, AttemptsUsed + 1);
        }

        return true;
    }
}
