using Lms.Modules.Workshops.Data;

namespace Lms.Modules.Workshops.Features.Attendance;

/// <summary>When a session's attendance may be taken and its check-in code works.</summary>
internal static class AttendanceRules
{
    /// <summary>People arrive early: the code works (and the facilitator may take attendance) from this long before the start.</summary>
    public static readonly TimeSpan OpensBefore = TimeSpan.FromMinutes(30);

    public static DateTimeOffset OpensAt(WorkshopSession session) => session.StartsAt - OpensBefore;

    /// <summary>The code is for people in the room: it works from shortly before the start until the end, never after.</summary>
    public static bool CheckInOpen(WorkshopSession session, DateTimeOffset now) =>
        session.CancelledAt is null && now >= OpensAt(session) && now < session.EndsAt;

    /// <summary>The facilitator may correct attendance after the end too (records are often tidied up later).</summary>
    public static bool AttendanceOpen(WorkshopSession session, DateTimeOffset now) =>
        session.CancelledAt is null && now >= OpensAt(session);

    /// <summary>Signing off before the session has begun would confirm something that has not happened.</summary>
    public static bool SignOffOpen(WorkshopSession session, DateTimeOffset now) =>
        session.CancelledAt is null && now >= session.StartsAt;

    public static string ApiValue(AttendanceStatus status) => status switch
    {
        AttendanceStatus.Present => "present",
        AttendanceStatus.Absent => "absent",
        _ => "unknown",
    };
}

/// <summary>What the audit trail records (workshops_audit.Action, at most 32 characters).</summary>
internal static class AuditActions
{
    public const string MarkedPresent = "attendance.present";
    public const string MarkedAbsent = "attendance.absent";
    public const string CheckedIn = "attendance.checkin";
    public const string WalkIn = "attendance.walkin";
    public const string SignedOff = "signoff";
    public const string Reversed = "signoff.reversed";
    public const string SessionCancelled = "session-cancelled";
    public const string TeamsSaved = "teams-saved";

    /// <summary>Where an attendance change came from (kept in the entry's detail).</summary>
    public const string ViaPage = "page";
    public const string ViaApi = "api";
    public const string ViaAllRemaining = "all-remaining";
    public const string ViaSignOff = "signoff";
}
