using System.Globalization;
using System.Text.Json;
using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Features.Learn;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning.Features.CompleteActivity;

/// <summary>
/// A learner completes a lesson (marks it done), a reflection (with its text) or a survey (with an
/// answer for every item). Quizzes complete by passing an attempt; workshops by facilitator sign-off.
/// </summary>
/// <param name="At">When it happened; only the demo history passes it (to date the past), everyone else gets now.</param>
internal sealed record CompleteActivity(Guid StaffId, Guid ActivityId, string? Text = null, IReadOnlyDictionary<string, int>? Answers = null, DateTimeOffset? At = null)
    : IRequest<LearningResult>;

internal sealed class CompleteActivityHandler(LearnerCourses learnerCourses, CompletionRecorder recorder, IMediator mediator, IStringLocalizer<LearningStrings> T, TimeProvider clock)
    : IRequestHandler<CompleteActivity, LearningResult>
{
    public const int MaxReflectionLength = 4000;

    public async Task<LearningResult> Handle(CompleteActivity request, CancellationToken cancellationToken)
    {
        var learner = await learnerCourses.FindByActivityAsync(request.StaffId, request.ActivityId, cancellationToken);
        var activity = learner?.Course.FindActivity(request.ActivityId);
        if (learner is null || activity is null)
        {
            return LearningResult.Fail(LearningFailure.NotFound, T["This activity does not exist or is not in one of your courses."]);
        }

        if (learner.Progress.IsLocked(activity.Id))
        {
            return LearningResult.Fail(LearningFailure.Locked, T["This activity opens when you have finished the ones before it."]);
        }

        var at = request.At ?? clock.GetUtcNow();
        Response? submission = null;
        switch (activity.Kind)
        {
            case ActivityKind.Lesson:
                break;
            case ActivityKind.Reflection:
                var text = request.Text?.Trim() ?? "";
                var length = new StringInfo(text).LengthInTextElements;
                var minimum = activity.Reflection?.MinLength ?? 0;
                if (length == 0 || length < minimum)
                {
                    return LearningResult.Fail(LearningFailure.Invalid, T["Please write at least {0} characters (you have written {1}).", Math.Max(minimum, 1), length]);
                }

                if (length > MaxReflectionLength)
                {
                    return LearningResult.Fail(LearningFailure.Invalid, T["Please keep it to {0} characters (you have written {1}).", MaxReflectionLength, length]);
                }

                submission = NewResponse(request, learner, activity, at, text, null);
                break;
            case ActivityKind.Survey:
                var survey = activity.Survey!;
                var answers = request.Answers ?? new Dictionary<string, int>();
                var unknown = answers.Keys.Where(k => survey.Items.All(i => i.Key != k)).ToList();
                if (unknown.Count > 0)
                {
                    return LearningResult.Fail(LearningFailure.Invalid, T["This survey has no item {0}.", string.Join(", ", unknown)]);
                }

                var missing = survey.Items.Where(i => !answers.TryGetValue(i.Key, out var value) || value < 1 || value > survey.Scale).ToList();
                if (missing.Count > 0)
                {
                    return LearningResult.Fail(LearningFailure.Invalid, T["Please answer every statement on the scale from 1 to {0} ({1} not answered).", survey.Scale, missing.Count]);
                }

                submission = NewResponse(request, learner, activity, at, null, JsonSerializer.Serialize(answers));
                break;
            case ActivityKind.Quiz:
                return LearningResult.Fail(LearningFailure.Invalid, T["A quiz is completed by passing it."]);
            default:
                return LearningResult.Fail(LearningFailure.Invalid, T["A workshop is completed when the facilitator signs off your attendance."]);
        }

        var (recorded, courseCompleted, percent) = await recorder.RecordAsync(learner, activity, at, submission, cancellationToken);
        if (recorded && activity.Kind == ActivityKind.Survey)
        {
            await mediator.Publish(new SurveySubmitted(request.StaffId, learner.Course.Id, activity.Id, activity.Survey!.Instrument, activity.Survey.Phase,
                request.Answers!.ToDictionary(a => a.Key, a => a.Value), at), CancellationToken.None);
        }

        return new LearningResult(null, null, AlreadyDone: !recorded, CourseCompleted: courseCompleted, Percent: percent);
    }

    private static Response NewResponse(CompleteActivity request, LearnerCourse learner, PublishedActivity activity, DateTimeOffset at, string? text, string? answers) => new()
    {
        Id = Guid.CreateVersion7(),
        StaffId = request.StaffId,
        CourseId = learner.Course.Id,
        ActivityId = activity.Id,
        Kind = activity.Kind,
        Text = text,
        AnswersJson = answers,
        Instrument = activity.Survey?.Instrument,
        Phase = activity.Survey?.Phase,
        SubmittedAt = at,
    };
}
