using System.Text.Json;
using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Modules.Learning.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.LearningRecords;

internal sealed class GetSurveyResponsesHandler(LearningDbContext db) : IRequestHandler<GetSurveyResponses, IReadOnlyList<SurveyResponse>>
{
    private const int Chunk = 500;

    public async Task<IReadOnlyList<SurveyResponse>> Handle(GetSurveyResponses request, CancellationToken cancellationToken)
    {
        var surveys = db.Responses.AsNoTracking().Where(r => r.Kind == ActivityKind.Survey);
        if (request.Instrument is { } instrument)
        {
            surveys = surveys.Where(r => r.Instrument == instrument);
        }

        if (request.StaffIds is null)
        {
            return await Read(surveys, cancellationToken);
        }

        var responses = new List<SurveyResponse>();
        foreach (var chunk in request.StaffIds.Distinct().Chunk(Chunk))
        {
            responses.AddRange(await Read(surveys.Where(r => chunk.Contains(r.StaffId)), cancellationToken));
        }

        return responses;
    }

    private static async Task<List<SurveyResponse>> Read(IQueryable<Response> query, CancellationToken cancellationToken) =>
        (await query.Select(r => new { r.StaffId, r.CourseId, r.ActivityId, r.Instrument, r.Phase, r.AnswersJson, r.SubmittedAt }).ToListAsync(cancellationToken))
            .Select(r => new SurveyResponse(r.StaffId, r.CourseId, r.ActivityId, r.Instrument, r.Phase, Answers(r.AnswersJson), r.SubmittedAt))
            .ToList();

    // Written by CompleteActivity as the serialised Dictionary<string, int> of the answers.
    private static IReadOnlyDictionary<string, int> Answers(string? json) =>
        json is null ? new Dictionary<string, int>() : JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];
}
