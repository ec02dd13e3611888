using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>A standing sign-off: at this session, or (<see cref="OtherSessionStartsAt"/>) at another session of the workshop.</summary>
internal sealed record SignOffMark(DateTimeOffset At, Guid? By, string ByName, DateTimeOffset? OtherSessionStartsAt);

internal sealed record RosterPerson(
    Guid StaffId,
    string Name,
    string EmployeeNumber,
    string UnitPath,
    RegistrationStatus Status,
    AttendanceStatus Attendance,
    DateTimeOffset? AttendanceAt,
    DateTimeOffset? CheckedInAt,
    string? TeamName,
    SignOffMark? SignOff)
{
    public bool SignedOffHere => SignOff is { OtherSessionStartsAt: null };
    public bool SignedOffElsewhere => SignOff is { OtherSessionStartsAt: not null };
}

internal sealed record AttendanceCounts(int Capacity, int Registered, int Present, int Absent, int Unknown, int Waitlisted);

/// <summary>A session as its facilitator runs it: who has a seat, who is waiting, who came, who is signed off.</summary>
internal sealed record SessionRosterView(
    WorkshopSession Session,
    string WorkshopTitle,
    string CourseTitle,
    IReadOnlyList<RosterPerson> Seated,
    IReadOnlyList<RosterPerson> Waitlisted,
    AttendanceCounts Counts,
    IReadOnlyDictionary<Guid, string> FacilitatorNames)
{
    public RosterPerson? Find(Guid staffId) => Seated.FirstOrDefault(p => p.StaffId == staffId);
}

/// <summary>Reads a session's roster in a handful of queries, names through the Organization contract.</summary>
public sealed class SessionRoster(WorkshopsDbContext db, WorkshopCatalog catalog, WorkshopPeople people)
{
    internal async Task<SessionRosterView?> LoadAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().Include(s => s.Facilitators).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var rows = await db.Registrations.AsNoTracking()
            .Where(r => r.SessionId == sessionId && r.Status != RegistrationStatus.Cancelled).ToListAsync(cancellationToken);
        var staffIds = rows.Select(r => r.StaffId).ToList();
        var signOffs = await StandingSignOffsAsync(session, staffIds, cancellationToken);
        var teams = await (from m in db.TeamMembers.AsNoTracking()
                           join t in db.Teams.AsNoTracking() on m.TeamId equals t.Id
                           where m.SessionId == sessionId
                           select new { m.StaffId, t.Name }).ToDictionaryAsync(m => m.StaffId, m => m.Name, cancellationToken);
        var cards = await people.CardsAsync(staffIds.Concat(session.Facilitators.Select(f => f.StaffId))
            .Concat(signOffs.Values.Select(s => s.SignedOffBy).OfType<Guid>()), cancellationToken);
        var workshop = await catalog.FindAsync(session.ActivityId, cancellationToken);

        RosterPerson Person(Data.Registration r)
        {
            cards.TryGetValue(r.StaffId, out var card);
            SignOffMark? mark = signOffs.TryGetValue(r.StaffId, out var s)
                ? new(s.SignedOffAt, s.SignedOffBy, s.SignedOffBy is { } by && cards.TryGetValue(by, out var c) ? c.Name : "",
                    s.SessionId == sessionId ? null : s.OtherStartsAt)
                : null;
            return new(r.StaffId, card?.Name ?? "?", card?.EmployeeNumber ?? "", card?.UnitPath ?? "", r.Status, r.Attendance, r.AttendanceAt,
                r.CheckedInAt, teams.GetValueOrDefault(r.StaffId), mark);
        }

        var seated = rows.Where(r => r.Status == RegistrationStatus.Registered).Select(Person)
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.EmployeeNumber, StringComparer.Ordinal).ToList();
        var waiting = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Select(Person).ToList();
        var counts = new AttendanceCounts(session.Capacity, seated.Count,
            seated.Count(p => p.Attendance == AttendanceStatus.Present), seated.Count(p => p.Attendance == AttendanceStatus.Absent),
            seated.Count(p => p.Attendance == AttendanceStatus.Unknown), waiting.Count);
        var facilitators = session.Facilitators.ToDictionary(f => f.StaffId, f => cards.TryGetValue(f.StaffId, out var c) ? c.Name : "");
        return new(session, workshop?.Title ?? "", workshop?.CourseTitle ?? "", seated, waiting, counts, facilitators);
    }

    /// <summary>
    /// The standing sign-off of each person for the session's workshop: this session's, else another
    /// session's (the unique index allows one per person and workshop).
    /// </summary>
    private async Task<Dictionary<Guid, (Guid SessionId, DateTimeOffset SignedOffAt, Guid? SignedOffBy, DateTimeOffset OtherStartsAt)>> StandingSignOffsAsync(
        WorkshopSession session, IReadOnlyCollection<Guid> staffIds, CancellationToken cancellationToken) =>
        (await (from s in db.SignOffs.AsNoTracking()
                join other in db.Sessions.AsNoTracking() on s.SessionId equals other.Id
                where s.ActivityId == session.ActivityId && s.ReversedAt == null && staffIds.Contains(s.StaffId)
                select new { s.StaffId, s.SessionId, s.SignedOffAt, s.SignedOffBy, other.StartsAt }).ToListAsync(cancellationToken))
        .GroupBy(s => s.StaffId)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.SessionId == session.Id).Select(s => (s.SessionId, s.SignedOffAt, s.SignedOffBy, s.StartsAt)).First());
}
