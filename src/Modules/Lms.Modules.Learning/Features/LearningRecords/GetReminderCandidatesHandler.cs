using Lms.Contracts.Learning;
using Lms.Modules.Learning.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.LearningRecords;

internal sealed class GetReminderCandidatesHandler(LearningDbContext db) : IRequestHandler<GetReminderCandidates, IReadOnlyList<ReminderCandidate>>
{
    public async Task<IReadOnlyList<ReminderCandidate>> Handle(GetReminderCandidates request, CancellationToken cancellationToken)
    {
        if (request.DueOnOrBefore is null && request.InactiveSince is null)
        {
            return [];
        }

        var query = db.Enrolments.AsNoTracking().Where(e => e.CompletedAt == null && e.WithdrawnAt == null);
        if (request.CourseIds is { } courses)
        {
            var ids = courses.Distinct().ToList();
            query = query.Where(e => ids.Contains(e.CourseId));
        }

        var due = request.DueOnOrBefore;
        var since = request.InactiveSince;
        query = (due, since) switch
        {
            ({ } d, { } s) => query.Where(e => (e.DueDate != null && e.DueDate <= d) || (e.LastActivityAt ?? e.EnrolledAt) < s),
            ({ } d, null) => query.Where(e => e.DueDate != null && e.DueDate <= d),
            (null, { } s) => query.Where(e => (e.LastActivityAt ?? e.EnrolledAt) < s),
            _ => query,
        };

        return await query.Select(e => new ReminderCandidate(e.StaffId, e.CourseId, e.DueDate, e.EnrolledAt, e.LastActivityAt))
            .ToListAsync(cancellationToken);
    }
}
