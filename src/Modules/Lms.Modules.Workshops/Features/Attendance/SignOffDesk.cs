using Lms.Contracts.Workshops;
using Lms.Framework.Data;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Registration;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Attendance;

internal sealed record SkippedPerson(Guid StaffId, string Reason);

internal sealed record SignOffResult(bool Succeeded, string Message, IReadOnlyList<Guid> SignedOff, IReadOnlyList<Guid> AlreadySignedOff, IReadOnlyList<SkippedPerson> Skipped,
    bool NotFound = false, bool BadRequest = false)
{
    public static SignOffResult Refused(string message, bool notFound = false, bool badRequest = false) => new(false, message, [], [], [], notFound, badRequest);
}

internal sealed record ReversalResult(bool Succeeded, string Message, DateTimeOffset? ReversedAt = null, string? Reason = null, bool AlreadyReversed = false,
    bool NotFound = false, bool BadRequest = false);

/// <summary>
/// The facilitator's sign-off and its reversal. A sign-off is decided and written in one transaction under
/// the session's lock, so two facilitators (or a double click) confirming the same people create each
/// sign-off once; <see cref="WorkshopCompleted"/> is published after the commit, once per new sign-off.
/// </summary>
public sealed class SignOffDesk(WorkshopsDbContext db, SeatBook seats, AttendanceBook book, IMediator mediator, TimeProvider clock, SiteTime time,
    IStringLocalizer<WorkshopsStrings> T)
{
    public const int MaxReasonLength = 500;
    private const int Attempts = 3;

    private sealed record NewSignOff(SignOff Row, Guid? TeamId, IReadOnlyList<Guid> ArtefactIds);

    internal async Task<SignOffResult> SignOffAsync(Guid sessionId, IReadOnlyCollection<Guid> staffIds, Guid? by, CancellationToken cancellationToken)
    {
        if (staffIds.Count == 0)
        {
            return SignOffResult.Refused(T["Choose at least one person to sign off."], badRequest: true);
        }

        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return SignOffResult.Refused(T["This session does not exist."], notFound: true);
        }

        if (session.CancelledAt is not null)
        {
            return SignOffResult.Refused(T["This session has been cancelled."]);
        }

        if (!AttendanceRules.SignOffOpen(session, clock.GetUtcNow()))
        {
            await time.ZoneAsync(cancellationToken);
            return SignOffResult.Refused(T["Sign-off opens when the session starts ({0}).", time.Format(session.StartsAt)]);
        }

        await time.ZoneAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (result, created) = await DecideAndSaveAsync(session, staffIds.Distinct().ToList(), by, cancellationToken);
                foreach (var n in created)
                {
                    await mediator.Publish(new WorkshopCompleted(n.Row.StaffId, n.Row.ActivityId, n.Row.SessionId, by, n.Row.SignedOffAt, n.TeamId, n.ArtefactIds),
                        CancellationToken.None);
                }

                return result;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < Attempts)
            {
                // Someone was signed off at another session of the workshop at the same moment (that session's lock
                // is not ours): decide again from what is now committed.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(SignOffResult, IReadOnlyList<NewSignOff>)> DecideAndSaveAsync(WorkshopSession session, IReadOnlyList<Guid> staffIds, Guid? by,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await seats.LockAsync(session.Id, cancellationToken);
        var rows = await db.Registrations.Where(r => r.SessionId == session.Id && staffIds.Contains(r.StaffId)).ToDictionaryAsync(r => r.StaffId, cancellationToken);
        var here = await db.SignOffs.Where(s => s.SessionId == session.Id && staffIds.Contains(s.StaffId)).ToDictionaryAsync(s => s.StaffId, cancellationToken);
        var elsewhere = (await (from s in db.SignOffs.AsNoTracking()
                                join other in db.Sessions.AsNoTracking() on s.SessionId equals other.Id
                                where s.ActivityId == session.ActivityId && s.SessionId != session.Id && s.ReversedAt == null && staffIds.Contains(s.StaffId)
                                select new { s.StaffId, other.StartsAt }).ToListAsync(cancellationToken))
            .ToDictionary(s => s.StaffId, s => s.StartsAt);
        var teams = await db.TeamMembers.AsNoTracking().Where(m => m.SessionId == session.Id && staffIds.Contains(m.StaffId))
            .ToDictionaryAsync(m => m.StaffId, m => m.TeamId, cancellationToken);
        var teamIds = teams.Values.Distinct().ToList();
        var artefacts = (await db.Artefacts.AsNoTracking().Where(a => teamIds.Contains(a.TeamId)).OrderBy(a => a.Kind).Select(a => new { a.TeamId, a.Id })
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.TeamId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(a => a.Id).ToList());

        var signedOff = new List<Guid>();
        var already = new List<Guid>();
        var skipped = new List<SkippedPerson>();
        var created = new List<NewSignOff>();
        foreach (var staffId in staffIds)
        {
            var row = rows.GetValueOrDefault(staffId);
            if (here.TryGetValue(staffId, out var existing) && existing.ReversedAt is null)
            {
                already.Add(staffId);
            }
            else if (row is null or { Status: RegistrationStatus.Cancelled })
            {
                skipped.Add(new(staffId, T["Not registered for this session."]));
            }
            else if (row.Status == RegistrationStatus.Waitlisted)
            {
                skipped.Add(new(staffId, T["On the waiting list, without a seat: add them as a walk-in first."]));
            }
            else if (row.Attendance == AttendanceStatus.Absent)
            {
                skipped.Add(new(staffId, T["Marked absent."]));
            }
            else if (elsewhere.TryGetValue(staffId, out var otherStart))
            {
                skipped.Add(new(staffId, T["Already signed off for this workshop at another session ({0}).", time.Format(otherStart)]));
            }
            else
            {
                book.Set(row, AttendanceStatus.Present, by, now, AuditActions.ViaSignOff);
                var team = teams.TryGetValue(staffId, out var t) ? t : (Guid?)null;
                // The (session, person) row is unique: a reversed sign-off at this session is signed off again in place;
                // the audit trail keeps the earlier sign-off and its reversal.
                var signOff = existing ?? new SignOff { Id = Guid.CreateVersion7(), SessionId = session.Id, ActivityId = session.ActivityId, StaffId = staffId };
                if (existing is null)
                {
                    db.SignOffs.Add(signOff);
                }

                signOff.TeamId = team;
                signOff.SignedOffAt = now;
                signOff.SignedOffBy = by;
                signOff.ReversedAt = null;
                signOff.ReversedBy = null;
                signOff.ReversalReason = null;
                book.Audit(AuditActions.SignedOff, session.Id, staffId, by, now, existing is null ? null : "again after a reversal");
                signedOff.Add(staffId);
                created.Add(new(signOff, team, team is { } id ? artefacts.GetValueOrDefault(id, []) : []));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        var message = T["{0} signed off, {1} already signed off, {2} skipped.", signedOff.Count, already.Count, skipped.Count];
        return (new(true, message, signedOff, already, skipped), created);
    }

    /// <summary>Takes back a mistaken sign-off (the row stays, with who, when and why); Learning takes the completion back.</summary>
    internal async Task<ReversalResult> ReverseAsync(Guid sessionId, Guid staffId, string? reason, Guid? by, CancellationToken cancellationToken)
    {
        var why = reason?.Trim() ?? "";
        if (why.Length is 0 or > MaxReasonLength)
        {
            return new(false, T["Give the reason for the reversal (1 to {0} characters).", MaxReasonLength], BadRequest: true);
        }

        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return new(false, T["This session does not exist."], NotFound: true);
        }

        var now = clock.GetUtcNow();
        SignOff? row;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await seats.LockAsync(sessionId, cancellationToken);
            row = await db.SignOffs.FirstOrDefaultAsync(s => s.SessionId == sessionId && s.StaffId == staffId, cancellationToken);
            if (row is null)
            {
                return new(false, T["This person has not been signed off at this session."], NotFound: true);
            }

            if (row.ReversedAt is { } reversedAt)
            {
                return new(true, T["This sign-off was already reversed."], reversedAt, row.ReversalReason, AlreadyReversed: true);
            }

            row.ReversedAt = now;
            row.ReversedBy = by;
            row.ReversalReason = why;
            book.Audit(AuditActions.Reversed, sessionId, staffId, by, now, why);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await mediator.Publish(new WorkshopSignOffReversed(staffId, row.ActivityId, sessionId, by, why, now), CancellationToken.None);
        return new(true, T["The sign-off was reversed. The workshop is no longer complete for this person."], now, why);
    }
}
