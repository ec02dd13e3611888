using Lms.Contracts.Workshops;
using Lms.Modules.Workshops.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Sessions;

internal sealed class GetWorkshopAttendanceHandler(WorkshopsDbContext db) : IRequestHandler<GetWorkshopAttendance, IReadOnlyList<SessionAttendance>>
{
    private const int Chunk = 500;

    public async Task<IReadOnlyList<SessionAttendance>> Handle(GetWorkshopAttendance request, CancellationToken cancellationToken)
    {
        var found = new List<SessionAttendance>();
        if (request.SessionIds is null)
        {
            found.AddRange(await ReadAsync(null, cancellationToken));
        }
        else
        {
            foreach (var chunk in request.SessionIds.Distinct().Chunk(Chunk))
            {
                found.AddRange(await ReadAsync(chunk, cancellationToken));
            }
        }

        return found.OrderBy(s => s.StartsAt).ThenBy(s => s.SessionId).ToList();
    }

    /// <summary>The given sessions (every one when <paramref name="ids"/> is null): three set-based reads, whatever their number.</summary>
    private async Task<List<SessionAttendance>> ReadAsync(Guid[]? ids, CancellationToken cancellationToken)
    {
        var sessions = db.Sessions.AsNoTracking();
        var registrations = db.Registrations.AsNoTracking();
        var signOffs = db.SignOffs.AsNoTracking();
        if (ids is not null)
        {
            sessions = sessions.Where(s => ids.Contains(s.Id));
            registrations = registrations.Where(r => ids.Contains(r.SessionId));
            signOffs = signOffs.Where(s => ids.Contains(s.SessionId));
        }

        var rows = await sessions
            .Select(s => new { s.Id, s.ActivityId, s.CourseId, s.StartsAt, Cancelled = s.CancelledAt != null })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        // A seat is held only by a registration in the Registered state: the waiting list and cancellations hold none.
        var seated = await registrations.Where(r => r.Status == RegistrationStatus.Registered)
            .GroupBy(r => r.SessionId)
            .Select(g => new { SessionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.SessionId, g => g.Count, cancellationToken);
        var attended = (await signOffs.Where(s => s.ReversedAt == null)
                .Select(s => new { s.SessionId, s.StaffId })
                .ToListAsync(cancellationToken))
            .GroupBy(s => s.SessionId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(s => s.StaffId).Distinct().ToList());

        return rows.Select(s => new SessionAttendance(s.Id, s.ActivityId, s.CourseId, s.StartsAt, s.Cancelled,
                seated.GetValueOrDefault(s.Id),
                attended.TryGetValue(s.Id, out var staff) ? staff : []))
            .ToList();
    }
}
