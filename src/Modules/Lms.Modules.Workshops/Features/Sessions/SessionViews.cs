using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Sessions;

public sealed record FacilitatorView(Guid StaffId, string Name);

/// <summary>A session as staff and the API see it, with the caller's own place in it.</summary>
/// <param name="MyStatus">registered, waitlisted, cancelled, or null (never registered).</param>
/// <param name="MyAttendance">present, absent, or null (not recorded yet).</param>
public sealed record SessionView(
    Guid Id,
    Guid ActivityId,
    string WorkshopTitle,
    string CourseTitle,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Place,
    string? OnlineUrl,
    int Capacity,
    int SeatsTaken,
    int SeatsLeft,
    int Waitlisted,
    DateTimeOffset RegistrationDeadline,
    bool RegistrationOpen,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<FacilitatorView> Facilitators,
    bool Cancelled,
    string? MyStatus,
    int? MyWaitlistPosition,
    string? MyAttendance,
    string CalendarUrl);

/// <summary>Reads sessions with their seat counts in a few set-based queries (not one per session).</summary>
public sealed class SessionViews(WorkshopsDbContext db, WorkshopCatalog catalog, WorkshopPeople people, TimeProvider clock)
{
    /// <param name="activityId">One workshop's sessions, or every workshop's when null.</param>
    /// <param name="from">Sessions ending after this instant (null: all).</param>
    internal async Task<IReadOnlyList<SessionView>> ListAsync(Guid? activityId, Guid? viewer, DateTimeOffset? from, CancellationToken cancellationToken, IReadOnlyCollection<Guid>? sessionIds = null)
    {
        var query = db.Sessions.AsNoTracking().Include(s => s.Facilitators).AsQueryable();
        if (activityId is { } a)
        {
            query = query.Where(s => s.ActivityId == a);
        }

        if (from is { } f)
        {
            query = query.Where(s => s.EndsAt > f);
        }

        if (sessionIds is not null)
        {
            query = query.Where(s => sessionIds.Contains(s.Id));
        }

        var sessions = (await query.ToListAsync(cancellationToken)).OrderBy(s => s.StartsAt).ToList();
        return await ViewsAsync(sessions, viewer, cancellationToken);
    }

    internal async Task<IReadOnlyList<SessionView>> ViewsAsync(IReadOnlyList<WorkshopSession> sessions, Guid? viewer, CancellationToken cancellationToken)
    {
        var ids = sessions.Select(s => s.Id).ToList();
        var counts = (await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.SessionId) && r.Status != RegistrationStatus.Cancelled)
                .GroupBy(r => new { r.SessionId, r.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.SessionId, c.Status), c => c.Count);
        var mine = viewer is { } v
            ? await db.Registrations.AsNoTracking().Where(r => r.StaffId == v && ids.Contains(r.SessionId)).ToDictionaryAsync(r => r.SessionId, cancellationToken)
            : [];
        var waitingIds = mine.Values.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.SessionId).ToList();
        var queues = (await db.Registrations.AsNoTracking().Where(r => waitingIds.Contains(r.SessionId) && r.Status == RegistrationStatus.Waitlisted)
                .Select(r => new { r.SessionId, r.Id, r.RequestedAt }).ToListAsync(cancellationToken))
            .GroupBy(r => r.SessionId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Select(r => r.Id).ToList());
        var names = await people.CardsAsync(sessions.SelectMany(s => s.Facilitators.Select(f => f.StaffId)), cancellationToken);
        var workshops = await catalog.AllAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return sessions.Select(s =>
        {
            var taken = counts.GetValueOrDefault((s.Id, RegistrationStatus.Registered));
            var my = mine.GetValueOrDefault(s.Id);
            var workshop = workshops.GetValueOrDefault(s.ActivityId);
            return new SessionView(
                s.Id, s.ActivityId, workshop?.Title ?? "", workshop?.CourseTitle ?? "", s.StartsAt, s.EndsAt, s.Place, s.OnlineUrl,
                s.Capacity, taken, Math.Max(0, s.Capacity - taken), counts.GetValueOrDefault((s.Id, RegistrationStatus.Waitlisted)),
                s.RegistrationDeadline, s.CancelledAt is null && now <= s.RegistrationDeadline,
                SessionTiers.Parse(s.Tiers).Select(t => t.ToApiValue()).ToList(),
                s.Facilitators.Select(f => new FacilitatorView(f.StaffId, names.TryGetValue(f.StaffId, out var c) ? c.Name : "")).OrderBy(f => f.Name, StringComparer.Ordinal).ToList(),
                s.CancelledAt is not null,
                my?.Status switch { RegistrationStatus.Registered => "registered", RegistrationStatus.Waitlisted => "waitlisted", RegistrationStatus.Cancelled => "cancelled", _ => null },
                my is { Status: RegistrationStatus.Waitlisted } && queues.TryGetValue(s.Id, out var queue) ? queue.IndexOf(my.Id) + 1 : null,
                my?.Attendance switch { AttendanceStatus.Present => "present", AttendanceStatus.Absent => "absent", _ => null },
                $"/workshops/sessions/{s.Id}/calendar.ics");
        }).ToList();
    }
}
