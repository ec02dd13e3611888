namespace Lms.Modules.Learning.Features.Learn;

internal enum LearningFailure
{
    /// <summary>No such activity, or not in a course the person is enrolled in (the same answer, so nothing leaks).</summary>
    NotFound,
    Locked,
    Invalid,
    NoAttemptsLeft,
}

/// <summary>The outcome of a learner's action: either a failure with a message in the learner's language, or what it changed.</summary>
internal sealed record LearningResult(
    LearningFailure? Failure,
    string? Message,
    bool AlreadyDone = false,
    bool CourseCompleted = false,
    int Percent = 0,
    QuizResult? Quiz = null)
{
    public bool Succeeded => Failure is null;

    public static LearningResult Fail(LearningFailure failure, string message) => new(failure, message);
}

internal sealed record QuizResult(int Attempt, int ScorePercent, bool Passed, int PassPercent, int? AttemptsLeft, IReadOnlyList<QuestionResult> Questions);

/// <param name="Options">Every option with whether it was chosen; <c>Correct</c> is told only once the quiz is passed or no attempt is left.</param>
internal sealed record QuestionResult(Guid QuestionId, string Text, bool Correct, IReadOnlyList<OptionResult> Options);

internal sealed record OptionResult(Guid OptionId, string Text, bool Selected, bool? Correct, string? Feedback);
