using Lms.Contracts.Learning;
using Lms.Modules.Learning.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.LearningRecords;

internal sealed class GetLearningRecordsHandler(LearningDbContext db) : IRequestHandler<GetLearningRecords, Contracts.Learning.LearningRecords>
{
    private const int Chunk = 500;

    public async Task<Contracts.Learning.LearningRecords> Handle(GetLearningRecords request, CancellationToken cancellationToken)
    {
        if (request.StaffIds is null)
        {
            return new(request.IncludeCompletions ? await Completions(db.Completions.AsNoTracking(), cancellationToken) : [], await Enrolments(db.Enrolments.AsNoTracking(), cancellationToken));
        }

        var completions = new List<LearnerCompletion>();
        var enrolments = new List<LearnerEnrolment>();
        foreach (var chunk in request.StaffIds.Distinct().Chunk(Chunk))
        {
            if (request.IncludeCompletions)
            {
                completions.AddRange(await Completions(db.Completions.AsNoTracking().Where(c => chunk.Contains(c.StaffId)), cancellationToken));
            }

            enrolments.AddRange(await Enrolments(db.Enrolments.AsNoTracking().Where(e => chunk.Contains(e.StaffId)), cancellationToken));
        }

        return new(completions, enrolments);
    }

    private static async Task<List<LearnerCompletion>> Completions(IQueryable<ActivityCompletion> query, CancellationToken cancellationToken) =>
        await query.Select(c => new LearnerCompletion(c.StaffId, c.CourseId, c.ActivityId, c.Kind, c.CompletedAt)).ToListAsync(cancellationToken);

    private static async Task<List<LearnerEnrolment>> Enrolments(IQueryable<Enrolment> query, CancellationToken cancellationToken) =>
        await query.Where(e => e.WithdrawnAt == null)
            .Select(e => new LearnerEnrolment(e.StaffId, e.CourseId, e.DueDate, e.CompletedAt, e.CompletedVersion)).ToListAsync(cancellationToken);
}
