using System.Security.Claims;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Framework.Content;
using Lms.Framework.Web;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Domain;
using Lms.Modules.Learning.Features.CompleteActivity;
using Lms.Modules.Learning.Features.Learn;
using Lms.Modules.Learning.Features.SubmitQuizAttempt;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning.Api;

internal static class LearningApi
{
    // Loose shapes on purpose: a wrong id or a non-number gets the learner's-language message of the
    // command's checks, not the framework's generic binding error.
    public sealed record CompletionBody(string? Text, Dictionary<string, System.Text.Json.JsonElement>? Answers);

    public sealed record AttemptBody(Dictionary<string, List<string>>? Answers);

    public sealed record CompletionResponse(Guid ActivityId, bool Completed, bool AlreadyCompleted, bool CourseCompleted, int PercentComplete);

    public sealed record OptionFeedback(Guid OptionId, bool Selected, bool? Correct, string? Feedback);

    public sealed record QuestionFeedback(Guid QuestionId, bool Correct, IReadOnlyList<OptionFeedback> Options);

    /// <param name="AttemptsLeft">Null when attempts are unlimited.</param>
    public sealed record AttemptResponse(int Attempt, int Score, bool Passed, int PassPercent, int? AttemptsLeft, bool CourseCompleted, int PercentComplete, IReadOnlyList<QuestionFeedback> Feedback);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Learning");

        api.MapGet("/me/enrolments", async (ClaimsPrincipal user, LearnerCourses courses, SiteCalendar calendar, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return Results.Ok(Array.Empty<EnrolmentView>());
                }

                return Results.Ok(await courses.ViewsAsync(staffId, calendar, ct));
            })
            .RequireAuthorization(Permissions.TakeCourses.Name)
            .WithName("GetMyEnrolments")
            .WithSummary("The caller's courses: due date, status (notStarted, inProgress, completed), overdue, percent complete and the next activity.")
            .Produces<EnrolmentView[]>();

        api.MapGet("/courses/{id:guid}", async (Guid id, ClaimsPrincipal user, LearnerCourses courses, LearningDbContext db, IMarkdownRenderer markdown,
                SiteCalendar calendar, IStringLocalizer<LearningStrings> T, CancellationToken ct) =>
            {
                var learner = user.GetStaffId() is { } staffId ? await courses.FindAsync(staffId, id, ct) : null;
                if (learner is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["This course does not exist or you are not enrolled in it."]);
                }

                var attempts = await db.QuizAttempts.AsNoTracking().Where(a => a.StaffId == learner.Enrolment.StaffId && a.CourseId == id)
                    .GroupBy(a => a.ActivityId).Select(g => new { g.Key, Count = g.Count(), Best = g.Max(a => a.ScorePercent) }).ToDictionaryAsync(a => a.Key, ct);
                var today = await calendar.TodayAsync(ct);
                var zone = await calendar.ZoneAsync(ct);
                return Results.Ok(CourseDocument.Build(learner, EnrolmentView.From(learner, today, zone), markdown,
                    a => attempts.TryGetValue(a, out var x) ? (x.Count, x.Best) : (0, null)));
            })
            .RequireAuthorization(Permissions.TakeCourses.Name)
            .WithName("GetCourse")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("A course the caller is enrolled in: sections and activities with their id, kind and the caller's state. Quizzes come without their answers.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/activities/{id:guid}/completion", async (Guid id, CompletionBody? body, ClaimsPrincipal user, IMediator mediator, IStringLocalizer<LearningStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["This activity does not exist or is not in one of your courses."]);
                }

                var answers = body?.Answers?.ToDictionary(a => a.Key, a => a.Value.ValueKind == System.Text.Json.JsonValueKind.Number && a.Value.TryGetInt32(out var n) ? n : 0);
                var result = await mediator.Send(new CompleteActivity(staffId, id, body?.Text, answers), ct);
                return result.Succeeded
                    ? Results.Ok(new CompletionResponse(id, true, result.AlreadyDone, result.CourseCompleted, result.Percent))
                    : Failure(result);
            })
            .RequireAuthorization(Permissions.TakeCourses.Name)
            .WithName("CompleteActivity")
            .Produces<CompletionResponse>()
            .WithSummary("Complete a lesson (no body), a reflection ({\"text\"}) or a survey ({\"answers\": {\"<itemKey>\": 1-5}}). Completing twice records one completion.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/quizzes/{id:guid}/attempts", async (Guid id, AttemptBody? body, ClaimsPrincipal user, IMediator mediator, IStringLocalizer<LearningStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["This quiz does not exist or is not in one of your courses."]);
                }

                // Ids that are not ids cannot match a question or an option: Guid.Empty makes the command say so.
                var answers = (body?.Answers ?? []).GroupBy(a => Guid.TryParse(a.Key, out var q) ? q : Guid.Empty)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.SelectMany(a => a.Value ?? []).Select(o => Guid.TryParse(o, out var v) ? v : Guid.Empty).ToList());
                var result = await mediator.Send(new SubmitQuizAttempt(staffId, id, answers), ct);
                if (!result.Succeeded)
                {
                    return Failure(result);
                }

                var quiz = result.Quiz!;
                return Results.Ok(new AttemptResponse(quiz.Attempt, quiz.ScorePercent, quiz.Passed, quiz.PassPercent, quiz.AttemptsLeft, result.CourseCompleted, result.Percent,
                    quiz.Questions.Select(q => new QuestionFeedback(q.QuestionId, q.Correct, q.Options.Where(o => o.Selected || o.Correct is not null)
                        .Select(o => new OptionFeedback(o.OptionId, o.Selected, o.Correct, o.Feedback)).ToList())).ToList()));
            })
            .RequireAuthorization(Permissions.TakeCourses.Name)
            .WithName("SubmitQuizAttempt")
            .Produces<AttemptResponse>()
            .WithSummary("Answer a quiz: {\"answers\": {\"<questionId>\": [\"<optionId>\", ...]}}. Returns the score, whether it passed, and feedback on the chosen answers.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static IResult Failure(LearningResult result) => ApiEndpoints.Problem(result.Failure switch
    {
        LearningFailure.NotFound => StatusCodes.Status404NotFound,
        LearningFailure.Locked => StatusCodes.Status403Forbidden,
        LearningFailure.NoAttemptsLeft => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    }, result.Message);
}
