using Lms.Contracts.Workshops;
using Lms.Modules.Workshops.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Sessions;

internal sealed class GetSessionsStartingHandler(WorkshopsDbContext db) : IRequestHandler<GetSessionsStarting, IReadOnlyList<UpcomingSession>>
{
    public async Task<IReadOnlyList<UpcomingSession>> Handle(GetSessionsStarting request, CancellationToken cancellationToken)
    {
        var from = request.From.ToUniversalTime();
        var to = request.To.ToUniversalTime();
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.CancelledAt == null && s.StartsAt >= from && s.StartsAt < to)
            .Select(s => new { s.Id, s.ActivityId, s.CourseId, s.StartsAt, s.EndsAt, s.Place, s.OnlineUrl })
            .ToListAsync(cancellationToken);
        if (sessions.Count == 0)
        {
            return [];
        }

        var ids = sessions.Select(s => s.Id).ToList();
        var seats = await db.Registrations.AsNoTracking()
            .Where(r => ids.Contains(r.SessionId) && r.Status == RegistrationStatus.Registered)
            .Select(r => new { r.SessionId, r.StaffId })
            .ToListAsync(cancellationToken);
        var wanted = request.StaffIds is null ? null : request.StaffIds.ToHashSet();
        var bySession = seats.Where(s => wanted is null || wanted.Contains(s.StaffId))
            .GroupBy(s => s.SessionId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(s => s.StaffId).Distinct().ToList());

        return sessions
            .Where(s => wanted is null || bySession.ContainsKey(s.Id))
            .OrderBy(s => s.StartsAt)
            .Select(s => new UpcomingSession(s.Id, s.ActivityId, s.CourseId, s.StartsAt, s.EndsAt, s.Place, s.OnlineUrl,
                bySession.TryGetValue(s.Id, out var staff) ? staff : []))
            .ToList();
    }
}
