namespace Lms.Modules.Workshops.Data;

/// <summary>
/// One scheduled run of a course's workshop activity: when, where (a room, an online link or both),
/// how many seats, who facilitates and until when people may register or cancel.
/// </summary>
internal sealed class WorkshopSession
{
    public Guid Id { get; set; }
    /// <summary>The course's workshop activity this session runs (an id of the Courses module).</summary>
    public Guid ActivityId { get; set; }
    public Guid CourseId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }
    public int Capacity { get; set; }
    public DateTimeOffset RegistrationDeadline { get; set; }
    /// <summary>Tiers that may register, in API spelling separated by commas; empty: everyone enrolled.</summary>
    public string Tiers { get; set; } = "";
    public string? Notes { get; set; }
    /// <summary>What staff type (or scan) to check in during the session. Unique; useless after the session.</summary>
    public required string CheckInCode { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>
    /// Bumped by every registration change, first thing in its transaction: the UPDATE locks the session
    /// row (PostgreSQL) or the database (SQLite), so seat counts are read and written by one caller at a time.
    /// </summary>
    public long SeatVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<SessionFacilitator> Facilitators { get; set; } = [];
}

internal sealed class SessionFacilitator
{
    public Guid SessionId { get; set; }
    public Guid StaffId { get; set; }
}

internal enum RegistrationStatus
{
    Registered = 0,
    Waitlisted = 1,
    Cancelled = 2,
}

internal enum AttendanceStatus
{
    Unknown = 0,
    Present = 1,
    Absent = 2,
}

/// <summary>A person's place at a session (one row per person and session, whatever they do with it).</summary>
internal sealed class Registration
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid StaffId { get; set; }
    public RegistrationStatus Status { get; set; }
    /// <summary>When the person (last) asked for a place; the waiting list is served in this order.</summary>
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? SeatedAt { get; set; }
    /// <summary>Set when a seat came from the waiting list; cleared when the person has seen the news.</summary>
    public DateTimeOffset? PromotedAt { get; set; }
    public bool PromotionSeen { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public AttendanceStatus Attendance { get; set; }
    public DateTimeOffset? AttendanceAt { get; set; }
    /// <summary>Who set the attendance: the facilitator's staff id, or the person themself at check-in.</summary>
    public Guid? AttendanceBy { get; set; }
    public DateTimeOffset? CheckedInAt { get; set; }
}

/// <summary>A group of attendees working together at a session.</summary>
internal sealed class Team
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public int Number { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<TeamMember> Members { get; set; } = [];
}

/// <summary>A person in a team; one team per person and session.</summary>
internal sealed class TeamMember
{
    public Guid TeamId { get; set; }
    public Guid SessionId { get; set; }
    public Guid StaffId { get; set; }
}

internal enum ArtefactKind
{
    Persona = 0,
    Journey = 1,
    Insights = 2,
    Pitch = 3,
}

/// <summary>One of a team's design records (one per team and kind), its fields as JSON.</summary>
internal sealed class Artefact
{
    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public ArtefactKind Kind { get; set; }
    public required string ContentJson { get; set; }
    /// <summary>Two team members saving at once: the second is told, not silently overwritten.</summary>
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedBy { get; set; }
}

/// <summary>
/// A facilitator's confirmation that a person took part in a session. At most one standing sign-off per
/// person and workshop activity; a reversal keeps the row (with who, when and why) and frees the place.
/// </summary>
internal sealed class SignOff
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public Guid ActivityId { get; set; }
    public Guid StaffId { get; set; }
    public Guid? TeamId { get; set; }
    public DateTimeOffset SignedOffAt { get; set; }
    public Guid? SignedOffBy { get; set; }
    public DateTimeOffset? ReversedAt { get; set; }
    public Guid? ReversedBy { get; set; }
    public string? ReversalReason { get; set; }
}

/// <summary>What facilitators did to people's records: sign-offs, reversals, attendance changes.</summary>
internal sealed class WorkshopAuditEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorStaffId { get; set; }
    public required string Action { get; set; }
    public Guid SessionId { get; set; }
    public Guid? StaffId { get; set; }
    public string? Detail { get; set; }
}
