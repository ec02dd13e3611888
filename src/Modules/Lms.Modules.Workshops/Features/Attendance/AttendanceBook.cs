using Lms.Contracts.Learning;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Registration;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>What became of an attendance change; a refusal changes nothing.</summary>
/// <param name="Offending">The people the refusal is about (not seated here, or already signed off).</param>
internal sealed record AttendanceResult(bool Succeeded, string Message, int Changed = 0, bool NotFound = false, bool BadRequest = false, IReadOnlyList<Guid>? Offending = null)
{
    public static AttendanceResult Refused(string message, IReadOnlyList<Guid>? offending = null) => new(false, message, Offending: offending);
}

/// <summary>
/// The facilitator's attendance list: present or absent per person, everyone remaining present, walk-ins.
/// Every rule is checked before writing; the writes of one call share a transaction under the session's
/// lock (the one registration takes), and every change leaves an audit entry.
/// </summary>
public sealed class AttendanceBook(WorkshopsDbContext db, SeatBook seats, IMediator mediator, TimeProvider clock, SiteTime time, IStringLocalizer<WorkshopsStrings> T)
{
    internal async Task<AttendanceResult> MarkAsync(Guid sessionId, IReadOnlyCollection<Guid> present, IReadOnlyCollection<Guid> absent, Guid? by, string via,
        CancellationToken cancellationToken)
    {
        if (present.Count + absent.Count == 0)
        {
            return new(false, T["Name at least one person (present or absent)."], BadRequest: true);
        }

        var both = present.Intersect(absent).ToList();
        if (both.Count > 0)
        {
            return new(false, T["A person cannot be both present and absent."], BadRequest: true, Offending: both);
        }

        var (session, problem) = await OpenSessionAsync(sessionId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var wanted = present.Distinct().Select(id => (id, AttendanceStatus.Present)).Concat(absent.Distinct().Select(id => (id, AttendanceStatus.Absent)))
            .ToDictionary(p => p.id, p => p.Item2);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await seats.LockAsync(sessionId, cancellationToken);
        var ids = wanted.Keys.ToList();
        var rows = await db.Registrations.Where(r => r.SessionId == sessionId && ids.Contains(r.StaffId) && r.Status == RegistrationStatus.Registered)
            .ToDictionaryAsync(r => r.StaffId, cancellationToken);
        var strangers = ids.Where(id => !rows.ContainsKey(id)).ToList();
        if (strangers.Count > 0)
        {
            return AttendanceResult.Refused(T["{0} of these people have no seat at this session. Add them as walk-ins first.", strangers.Count], strangers);
        }

        // A signed-off person marked absent would leave a completion nobody can explain: the sign-off is reversed first.
        var absentIds = wanted.Where(w => w.Value == AttendanceStatus.Absent).Select(w => w.Key).ToList();
        var signedOff = await db.SignOffs.Where(s => s.SessionId == sessionId && s.ReversedAt == null && absentIds.Contains(s.StaffId))
            .Select(s => s.StaffId).ToListAsync(cancellationToken);
        if (signedOff.Count > 0)
        {
            return AttendanceResult.Refused(T["{0} of these people are signed off. Reverse the sign-off before marking them absent.", signedOff.Count], signedOff);
        }

        var changed = 0;
        foreach (var (staffId, status) in wanted)
        {
            changed += Set(rows[staffId], status, by, now, via) ? 1 : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return new(true, changed == 0 ? T["Nothing changed."] : T["Attendance saved ({0} changed).", changed], changed);
    }

    /// <summary>Everyone seated whose attendance is not recorded yet is present (the facilitator then marks the few who did not come).</summary>
    internal async Task<AttendanceResult> MarkRemainingPresentAsync(Guid sessionId, Guid? by, CancellationToken cancellationToken)
    {
        var (_, problem) = await OpenSessionAsync(sessionId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await seats.LockAsync(sessionId, cancellationToken);
        var rows = await db.Registrations.Where(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered && r.Attendance == AttendanceStatus.Unknown)
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            Set(row, AttendanceStatus.Present, by, now, AuditActions.ViaAllRemaining);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return new(true, T["{0} people marked present.", rows.Count], rows.Count);
    }

    /// <summary>
    /// Someone came without a seat (or from the waiting list): seated and present, even beyond the capacity,
    /// because they are in the room. They must be enrolled in the workshop's course.
    /// </summary>
    internal async Task<AttendanceResult> AddWalkInAsync(Guid sessionId, Guid staffId, Guid? by, CancellationToken cancellationToken)
    {
        var (session, problem) = await OpenSessionAsync(sessionId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var enrolled = (await mediator.Send(new GetWorkshopEnrolments(staffId), cancellationToken)).Any(w => w.ActivityId == session!.ActivityId);
        if (!enrolled)
        {
            return AttendanceResult.Refused(T["This person is not enrolled in the course of this workshop."], [staffId]);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await seats.LockAsync(sessionId, cancellationToken);
        var row = await db.Registrations.FirstOrDefaultAsync(r => r.SessionId == sessionId && r.StaffId == staffId, cancellationToken);
        var before = row?.Status switch { null => "new", RegistrationStatus.Waitlisted => "waitlisted", RegistrationStatus.Cancelled => "cancelled", _ => "registered" };
        if (row is null)
        {
            row = new Data.Registration { Id = Guid.CreateVersion7(), SessionId = sessionId, StaffId = staffId, RequestedAt = now };
            db.Registrations.Add(row);
        }

        if (row.Status != RegistrationStatus.Registered || before == "new")
        {
            row.Status = RegistrationStatus.Registered;
            row.SeatedAt = now;
            row.CancelledAt = null;
            row.PromotedAt = null;
            row.Attendance = AttendanceStatus.Unknown;
            Audit(AuditActions.WalkIn, sessionId, staffId, by, now, before);
        }

        Set(row, AttendanceStatus.Present, by, now, AuditActions.ViaPage);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return new(true, T["Added as present."], 1);
    }

    /// <summary>Sets a seated person's attendance and audits the change; false when it was already so.</summary>
    internal bool Set(Data.Registration row, AttendanceStatus status, Guid? by, DateTimeOffset now, string via)
    {
        if (row.Attendance == status)
        {
            return false;
        }

        var before = AttendanceRules.ApiValue(row.Attendance);
        row.Attendance = status;
        row.AttendanceAt = now;
        row.AttendanceBy = by;
        Audit(status == AttendanceStatus.Present ? AuditActions.MarkedPresent : AuditActions.MarkedAbsent, row.SessionId, row.StaffId, by, now, $"{via}; was {before}");
        return true;
    }

    internal void Audit(string action, Guid sessionId, Guid? staffId, Guid? by, DateTimeOffset now, string? detail) =>
        db.Audit.Add(new WorkshopAuditEntry { Id = Guid.CreateVersion7(), At = now, ActorStaffId = by, Action = action, SessionId = sessionId, StaffId = staffId, Detail = detail });

    private async Task<(WorkshopSession? Session, AttendanceResult? Problem)> OpenSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return (null, new(false, T["This session does not exist."], NotFound: true));
        }

        if (session.CancelledAt is not null)
        {
            return (session, AttendanceResult.Refused(T["This session has been cancelled."]));
        }

        if (!AttendanceRules.AttendanceOpen(session, clock.GetUtcNow()))
        {
            await time.ZoneAsync(cancellationToken);
            return (session, AttendanceResult.Refused(T["Attendance can be taken from {0}.", time.Format(AttendanceRules.OpensAt(session))]));
        }

        return (session, null);
    }
}
