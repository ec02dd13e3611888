using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Framework.Data;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Registration;

/// <summary>What became of a request for a place (or its cancellation); a refusal changes nothing.</summary>
internal sealed record SeatResult(bool Succeeded, string Message, RegistrationStatus? Status = null, int? WaitlistPosition = null, bool NotFound = false)
{
    public static SeatResult Refused(string message) => new(false, message);
}

/// <summary>
/// Registration and cancellation. Every rule is checked before anything is written; the seat count is then
/// decided under a lock on the session (see <see cref="WorkshopSession.SeatVersion"/>), so however many people
/// ask for the last seat at once, the capacity holds and the rest go to the waiting list, served first come
/// first served when a seat frees up.
/// </summary>
public sealed class SeatBook(
    WorkshopsDbContext db, IMediator mediator, TimeProvider clock, WorkshopPeople people, SiteTime time, IStringLocalizer<WorkshopsStrings> T)
{
    internal async Task<SeatResult> RegisterAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return new(false, T["This session does not exist."], NotFound: true);
        }

        var mine = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.SessionId == sessionId && r.StaffId == staffId, cancellationToken);
        if (mine is { Status: RegistrationStatus.Registered or RegistrationStatus.Waitlisted })
        {
            return await ResultAsync(mine, T["You are already registered for this session."]);
        }

        await time.ZoneAsync(cancellationToken);
        if (session.CancelledAt is not null)
        {
            return SeatResult.Refused(T["This session has been cancelled."]);
        }

        if (now > session.RegistrationDeadline)
        {
            return SeatResult.Refused(T["Registration for this session closed at {0}.", time.Format(session.RegistrationDeadline)]);
        }

        var workshop = (await mediator.Send(new GetWorkshopEnrolments(staffId), cancellationToken)).FirstOrDefault(w => w.ActivityId == session.ActivityId);
        if (workshop is null)
        {
            return SeatResult.Refused(T["This session belongs to a workshop of a course you are not enrolled in."]);
        }

        if (workshop.Completed)
        {
            return SeatResult.Refused(T["You have already completed this workshop."]);
        }

        if (await people.TierAsync(staffId, cancellationToken) is not { } tier || !SessionTiers.Admits(session.Tiers, tier))
        {
            return SeatResult.Refused(T["This session is for other tiers. Please choose another session."]);
        }

        var active = await (from r in db.Registrations.AsNoTracking()
                            join s in db.Sessions.AsNoTracking() on r.SessionId equals s.Id
                            where r.StaffId == staffId && r.SessionId != sessionId && s.CancelledAt == null && s.EndsAt > now
                                  && (r.Status == RegistrationStatus.Registered || r.Status == RegistrationStatus.Waitlisted)
                                  && r.Attendance != AttendanceStatus.Absent // marked absent: free to choose another session at once
                            select new { s.ActivityId, s.StartsAt, s.EndsAt }).ToListAsync(cancellationToken);
        if (active.FirstOrDefault(a => a.ActivityId == session.ActivityId) is { } other)
        {
            return SeatResult.Refused(T["You already have a place in another session of this workshop ({0}). Cancel that one first if you want to change.", time.Format(other.StartsAt)]);
        }

        if (active.FirstOrDefault(a => a.StartsAt < session.EndsAt && session.StartsAt < a.EndsAt) is { } clash)
        {
            return SeatResult.Refused(T["This session overlaps another session you are registered for ({0}).", time.Format(clash.StartsAt)]);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await LockAsync(sessionId, cancellationToken);
            // Read the clock under the lock, so the waiting list's order is the order the lock was granted in.
            now = clock.GetUtcNow();
            var taken = await db.Registrations.CountAsync(r => r.SessionId == sessionId && r.Status == RegistrationStatus.Registered, cancellationToken);
            var row = await db.Registrations.FirstOrDefaultAsync(r => r.SessionId == sessionId && r.StaffId == staffId, cancellationToken);
            if (row is null)
            {
                row = new Data.Registration { Id = Guid.CreateVersion7(), SessionId = sessionId, StaffId = staffId };
                db.Registrations.Add(row);
            }
            else if (row.Status != RegistrationStatus.Cancelled)
            {
                return await ResultAsync(row, T["You are already registered for this session."]);
            }

            var seated = taken < session.Capacity;
            row.Status = seated ? RegistrationStatus.Registered : RegistrationStatus.Waitlisted;
            row.RequestedAt = now;
            row.SeatedAt = seated ? now : null;
            row.PromotedAt = null;
            row.PromotionSeen = false;
            row.CancelledAt = null;
            row.Attendance = AttendanceStatus.Unknown;
            row.AttendanceAt = null;
            row.AttendanceBy = null;
            row.CheckedInAt = null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // A double click inserted the same person's row a moment earlier: one registration.
                db.ChangeTracker.Clear();
                var current = await db.Registrations.AsNoTracking().FirstAsync(r => r.SessionId == sessionId && r.StaffId == staffId, CancellationToken.None);
                return await ResultAsync(current, T["You are already registered for this session."]);
            }

            await transaction.CommitAsync(CancellationToken.None);
            return await ResultAsync(row, seated
                ? T["You are registered. A calendar file is ready to download."]
                : T["The session is full. You are on the waiting list and will get a seat automatically if one frees up."]);
        }
    }

    internal async Task<SeatResult> CancelAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var mine = session is null ? null : await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.SessionId == sessionId && r.StaffId == staffId, cancellationToken);
        if (session is null)
        {
            return new(false, T["This session does not exist."], NotFound: true);
        }

        if (mine is not { Status: RegistrationStatus.Registered or RegistrationStatus.Waitlisted })
        {
            return new(true, T["You are not registered for this session."], RegistrationStatus.Cancelled);
        }

        await time.ZoneAsync(cancellationToken);
        // Leaving the waiting list frees no seat, so it is allowed until the start; a seat only until the deadline.
        if (mine.Status == RegistrationStatus.Registered ? now > session.RegistrationDeadline : now >= session.StartsAt)
        {
            return SeatResult.Refused(T["Cancellation closed at {0}. Please tell the facilitator if you cannot come.", time.Format(session.RegistrationDeadline)]);
        }

        IReadOnlyList<Data.Registration> promoted;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await LockAsync(sessionId, cancellationToken);
            var row = await db.Registrations.FirstAsync(r => r.Id == mine.Id, cancellationToken);
            if (row.Status == RegistrationStatus.Cancelled)
            {
                return new(true, T["Your registration is cancelled."], RegistrationStatus.Cancelled);
            }

            row.Status = RegistrationStatus.Cancelled;
            row.CancelledAt = now;
            row.SeatedAt = null;
            await db.SaveChangesAsync(cancellationToken);
            promoted = await PromoteAsync(session, now, cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await AnnounceAsync(session, promoted, now);
        return new(true, T["Your registration is cancelled."], RegistrationStatus.Cancelled);
    }

    /// <summary>
    /// Seats the waiting list, first come first served, while there are free seats and the session has not
    /// started. Call inside a transaction that has taken the session's lock; announce after the commit.
    /// </summary>
    internal async Task<IReadOnlyList<Data.Registration>> PromoteAsync(WorkshopSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now >= session.StartsAt || session.CancelledAt is not null)
        {
            return [];
        }

        var capacity = await db.Sessions.Where(s => s.Id == session.Id).Select(s => s.Capacity).FirstAsync(cancellationToken);
        var taken = await db.Registrations.CountAsync(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Registered, cancellationToken);
        if (taken >= capacity)
        {
            return [];
        }

        var next = await db.Registrations.Where(r => r.SessionId == session.Id && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Take(capacity - taken).ToListAsync(cancellationToken);
        foreach (var row in next)
        {
            row.Status = RegistrationStatus.Registered;
            row.SeatedAt = now;
            row.PromotedAt = now;
            row.PromotionSeen = false;
        }

        await db.SaveChangesAsync(cancellationToken);
        return next;
    }

    /// <summary>Tells the people who got a seat (the inbox and e-mail subscribe to the event); after the commit.</summary>
    internal async Task AnnounceAsync(WorkshopSession session, IReadOnlyList<Data.Registration> promoted, DateTimeOffset now)
    {
        foreach (var row in promoted)
        {
            await mediator.Publish(new WaitlistSeatGranted(row.StaffId, session.Id, session.ActivityId, session.StartsAt, now), CancellationToken.None);
        }
    }

    /// <summary>Takes the session's lock for the rest of the transaction (a write to its row).</summary>
    internal Task LockAsync(Guid sessionId, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.SeatVersion, x => x.SeatVersion + 1), cancellationToken);

    private async Task<SeatResult> ResultAsync(Data.Registration row, string message)
    {
        int? position = null;
        if (row.Status == RegistrationStatus.Waitlisted)
        {
            var queue = await db.Registrations.AsNoTracking().Where(r => r.SessionId == row.SessionId && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync(CancellationToken.None);
            position = queue.IndexOf(row.Id) + 1;
        }

        return new(true, message, row.Status, position);
    }
}
