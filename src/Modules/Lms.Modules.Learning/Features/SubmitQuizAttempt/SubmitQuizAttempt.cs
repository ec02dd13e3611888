using System.Text.Json;
using Lms.Contracts.Courses;
using Lms.Framework.Data;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Features.Learn;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning.Features.SubmitQuizAttempt;

/// <summary>
/// A learner answers a quiz: every question must be answered with options of that question (one for
/// a single-choice question). A question scores when exactly its correct options are chosen; passing
/// completes the activity. Attempts are numbered per person and quiz, so a double submit counts once.
/// </summary>
internal sealed record SubmitQuizAttempt(Guid StaffId, Guid ActivityId, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> Answers, DateTimeOffset? At = null)
    : IRequest<LearningResult>;

internal sealed class SubmitQuizAttemptHandler(LearnerCourses learnerCourses, CompletionRecorder recorder, LearningDbContext db, IStringLocalizer<LearningStrings> T, TimeProvider clock)
    : IRequestHandler<SubmitQuizAttempt, LearningResult>
{
    public async Task<LearningResult> Handle(SubmitQuizAttempt request, CancellationToken cancellationToken)
    {
        var learner = await learnerCourses.FindByActivityAsync(request.StaffId, request.ActivityId, cancellationToken);
        var activity = learner?.Course.FindActivity(request.ActivityId);
        if (learner is null || activity?.Quiz is not { } quiz)
        {
            return LearningResult.Fail(LearningFailure.NotFound, T["This quiz does not exist or is not in one of your courses."]);
        }

        if (learner.Progress.IsLocked(activity.Id))
        {
            return LearningResult.Fail(LearningFailure.Locked, T["This activity opens when you have finished the ones before it."]);
        }

        if (learner.Progress.IsDone(activity.Id))
        {
            return LearningResult.Fail(LearningFailure.Invalid, T["You have already passed this quiz."]);
        }

        if (Check(quiz, request.Answers) is { } problem)
        {
            return LearningResult.Fail(LearningFailure.Invalid, problem);
        }

        var score = QuizFeedback.Score(quiz, request.Answers);
        var passed = score >= quiz.PassPercent;
        var at = request.At ?? clock.GetUtcNow();
        QuizAttempt attempt;
        for (var tries = 1; ; tries++)
        {
            var previous = await db.QuizAttempts.CountAsync(a => a.StaffId == request.StaffId && a.ActivityId == activity.Id, cancellationToken);
            if (quiz.AttemptsAllowed > 0 && previous >= quiz.AttemptsAllowed)
            {
                return LearningResult.Fail(LearningFailure.NoAttemptsLeft, T["You have used all {0} attempts at this quiz. Please ask the course administrator.", quiz.AttemptsAllowed]);
            }

            attempt = new QuizAttempt
            {
                Id = Guid.CreateVersion7(),
                StaffId = request.StaffId,
                CourseId = learner.Course.Id,
                ActivityId = activity.Id,
                Number = previous + 1,
                AnswersJson = JsonSerializer.Serialize(request.Answers),
                ScorePercent = score,
                Passed = passed,
                CourseVersion = learner.Course.Version,
                SubmittedAt = at,
            };
            db.QuizAttempts.Add(attempt);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && tries < 3)
            {
                // Another submit (a second tab) took this attempt number: count again, never lose this one.
                db.ChangeTracker.Clear();
            }
        }

        db.ChangeTracker.Clear();
        var (courseCompleted, percent) = (learner.Enrolment.CompletedAt is not null, learner.Progress.Percent);
        if (passed)
        {
            (_, courseCompleted, percent) = await recorder.RecordAsync(learner, activity, at, null, CancellationToken.None);
        }

        return new LearningResult(null, null, CourseCompleted: courseCompleted, Percent: percent,
            Quiz: QuizFeedback.Build(quiz, request.Answers, attempt.Number, score, passed));
    }

    private string? Check(QuizContent quiz, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> answers)
    {
        if (answers.Keys.Any(id => quiz.Questions.All(q => q.Id != id)))
        {
            return T["These answers are for questions this quiz does not have. Please reload the page and answer again."];
        }

        for (var i = 0; i < quiz.Questions.Count; i++)
        {
            var question = quiz.Questions[i];
            if (!answers.TryGetValue(question.Id, out var chosen) || chosen.Count == 0)
            {
                return T["Please answer question {0}.", i + 1];
            }

            if (chosen.Any(o => question.Options.All(option => option.Id != o)))
            {
                return T["Question {0} has no such option.", i + 1];
            }

            if (!question.Multiple && chosen.Distinct().Count() > 1)
            {
                return T["Question {0} takes one answer only.", i + 1];
            }
        }

        return null;
    }
}
