using System.Text.Json;
using Lms.Contracts.Courses;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Features.Learn;

namespace Lms.Modules.Learning.Features.SubmitQuizAttempt;

/// <summary>
/// Scores answers and tells the learner how they did. With a limited number of attempts, the feedback
/// on chosen options (which says whether they are right) and the correct answers are shown only once
/// the quiz is passed or no attempt is left; otherwise two tries would give away the key.
/// </summary>
internal static class QuizFeedback
{
    public static bool IsRight(QuizQuestion question, IEnumerable<Guid> chosen) =>
        question.Options.Where(o => o.Correct).Select(o => o.Id).ToHashSet().SetEquals(chosen);

    public static int Score(QuizContent quiz, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> answers) =>
        (int)Math.Floor(100.0 * quiz.Questions.Count(q => IsRight(q, answers[q.Id])) / quiz.Questions.Count);

    public static QuizResult For(QuizContent quiz, QuizAttempt attempt)
    {
        var answers = JsonSerializer.Deserialize<Dictionary<Guid, List<Guid>>>(attempt.AnswersJson) ?? [];
        return Build(quiz, answers.ToDictionary(a => a.Key, a => (IReadOnlyList<Guid>)a.Value), attempt.Number, attempt.ScorePercent, attempt.Passed);
    }

    public static QuizResult Build(QuizContent quiz, IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> answers, int number, int score, bool passed)
    {
        int? left = quiz.AttemptsAllowed > 0 ? Math.Max(0, quiz.AttemptsAllowed - number) : null;
        var reveal = passed || left == 0;
        var explain = reveal || left is null;
        var questions = quiz.Questions.Select(q =>
        {
            var chosen = answers.TryGetValue(q.Id, out var c) ? c.ToHashSet() : [];
            return new QuestionResult(q.Id, q.Text, IsRight(q, chosen), q.Options.Select(o => new OptionResult(
                o.Id, o.Text, chosen.Contains(o.Id), reveal ? o.Correct : null,
                (chosen.Contains(o.Id) && explain) || reveal ? o.Feedback : null)).ToList());
        }).ToList();
        return new QuizResult(number, score, passed, quiz.PassPercent, left, questions);
    }
}
