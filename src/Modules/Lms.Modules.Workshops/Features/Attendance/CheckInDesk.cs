using System.Text;
using Lms.Framework.Settings;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Sessions;
using Lms.Modules.Workshops.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Attendance;

internal enum CheckInOutcome
{
    CheckedIn,
    AlreadyCheckedIn,
    /// <summary>Empty or not six letters and digits: a typo, not a guess, so it does not count against the limit.</summary>
    Malformed,
    WrongCode,
    NotOpenYet,
    Expired,
    Cancelled,
    NotRegistered,
    Waitlisted,
    TooManyAttempts,
}

internal sealed record CheckInResult(CheckInOutcome Outcome, string Message, Guid? SessionId = null, string? WorkshopTitle = null, DateTimeOffset? CheckedInAt = null,
    TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Outcome is CheckInOutcome.CheckedIn or CheckInOutcome.AlreadyCheckedIn;

    /// <summary>The API's spelling of the outcome (camelCase), for clients that branch on it.</summary>
    public string Reason => char.ToLowerInvariant(Outcome.ToString()[0]) + Outcome.ToString()[1..];
}

/// <summary>
/// Staff check themselves in with the code shown in the room: the code must belong to a session open for
/// check-in (from half an hour before the start until its end) and the person must have a seat there.
/// Failed attempts count against <see cref="CheckInThrottle"/>.
/// </summary>
public sealed class CheckInDesk(WorkshopsDbContext db, CheckInThrottle throttle, AttendanceBook book, WorkshopCatalog catalog, TimeProvider clock, SiteTime time,
    IStringLocalizer<WorkshopsStrings> T)
{
    internal async Task<CheckInResult> CheckInAsync(Guid staffId, string? code, CancellationToken cancellationToken)
    {
        var normalized = Normalize(code);
        if (normalized.Length != SessionEditor.CodeLength || !normalized.All(char.IsAsciiLetterOrDigit))
        {
            return new(CheckInOutcome.Malformed, T["Enter the {0}-character code shown in the room.", SessionEditor.CodeLength]);
        }

        var lease = throttle.TryAcquire(staffId.ToString(), out var retryAfter);
        if (lease is null)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
            return new(CheckInOutcome.TooManyAttempts,
                T["Too many wrong attempts. Try again in {0} minutes, or ask the facilitator to record your attendance.", minutes], RetryAfter: retryAfter);
        }

        var result = await TryAsync(staffId, normalized, cancellationToken);
        if (result.Succeeded)
        {
            lease.Return();
        }

        return result;
    }

    private async Task<CheckInResult> TryAsync(Guid staffId, string code, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.CheckInCode == code, cancellationToken);
        if (session is null)
        {
            return new(CheckInOutcome.WrongCode, T["This code is not correct. Check the code shown in the room and enter it again."]);
        }

        var now = clock.GetUtcNow();
        var title = (await catalog.FindAsync(session.ActivityId, cancellationToken))?.Title ?? "";
        await time.ZoneAsync(cancellationToken);
        if (session.CancelledAt is not null)
        {
            return new(CheckInOutcome.Cancelled, T["This session has been cancelled."], session.Id, title);
        }

        if (now >= session.EndsAt)
        {
            return new(CheckInOutcome.Expired, T["This code has expired: the session ended at {0}. If you took part, ask the facilitator to record your attendance.", time.Format(session.EndsAt)],
                session.Id, title);
        }

        if (!AttendanceRules.CheckInOpen(session, now))
        {
            return new(CheckInOutcome.NotOpenYet, T["Check-in opens at {0}, 30 minutes before the start.", time.Format(AttendanceRules.OpensAt(session))], session.Id, title);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Registrations.FirstOrDefaultAsync(r => r.SessionId == session.Id && r.StaffId == staffId, cancellationToken);
        if (row is not { Status: RegistrationStatus.Registered })
        {
            return row is { Status: RegistrationStatus.Waitlisted }
                ? new(CheckInOutcome.Waitlisted, T["You are on the waiting list of this session and have no seat. Please ask the facilitator."], session.Id, title)
                : new(CheckInOutcome.NotRegistered, T["You are not registered for this session. Please ask the facilitator."], session.Id, title);
        }

        if (row.CheckedInAt is { } earlier && row.Attendance == AttendanceStatus.Present)
        {
            return new(CheckInOutcome.AlreadyCheckedIn, T["You are already checked in ({0}).", time.Format(earlier, "HH:mm")], session.Id, title, earlier);
        }

        var before = AttendanceRules.ApiValue(row.Attendance);
        row.CheckedInAt = now;
        if (row.Attendance != AttendanceStatus.Present)
        {
            // The person is in the room with the code: that beats an earlier "absent" from the facilitator.
            row.Attendance = AttendanceStatus.Present;
            row.AttendanceAt = now;
            row.AttendanceBy = staffId;
        }

        book.Audit(AuditActions.CheckedIn, session.Id, staffId, staffId, now, "was " + before);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return new(CheckInOutcome.CheckedIn, T["You are checked in. Welcome to {0}!", title], session.Id, title, now);
    }

    /// <summary>What people type: lower case, full-width letters from a Japanese IME, spaces or a hyphen in the middle.</summary>
    internal static string Normalize(string? code) =>
        string.IsNullOrWhiteSpace(code)
            ? ""
            : string.Concat(code.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
}
