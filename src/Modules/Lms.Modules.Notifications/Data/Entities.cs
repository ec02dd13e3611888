namespace Lms.Modules.Notifications.Data;

/// <summary>
/// A rule the sweep applies: what kind of reminder, for which course (all when null), and its days.
/// <list type="bullet">
/// <item><c>due-soon</c>: <see cref="Days"/> before the due date.</item>
/// <item><c>overdue</c>: <see cref="Days"/> after the due date, then every <see cref="RepeatEveryDays"/> days, at most <see cref="MaxTimes"/> times.</item>
/// <item><c>inactive</c>: nothing done for <see cref="Days"/> days (since the last activity, or the enrolment).</item>
/// <item><c>session-tomorrow</c>: the day before a workshop session one holds a seat in.</item>
/// <item><c>waitlist-seat</c>: at once, when a waiting-list place turns into a seat.</item>
/// <item><c>escalation</c>: overdue by more than <see cref="Days"/> days puts the person in their manager's weekly digest.</item>
/// </list>
/// </summary>
internal sealed class ReminderRule
{
    public Guid Id { get; set; }
    /// <summary>Stable key (recipes and logs refer to it), e.g. <c>due-soon-7</c>.</summary>
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public Guid? CourseId { get; set; }
    public int Days { get; set; }
    public int? RepeatEveryDays { get; set; }
    public int? MaxTimes { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// One message to one person: an inbox entry, and the e-mail that goes with it (when wanted). The id is
/// derived from <see cref="DedupKey"/> (rule, person, occasion), so however often a job runs, overlaps or is
/// retried, the same reminder is stored, and mailed, at most once.
/// </summary>
internal sealed class Notification
{
    public Guid Id { get; set; }
    /// <summary><c>{rule or kind}|{staff}|{occasion}</c>; unique.</summary>
    public required string DedupKey { get; set; }
    /// <summary>The recipient; <see cref="Guid.Empty"/> for a test mail to an address typed by an admin.</summary>
    public Guid StaffId { get; set; }
    public required string Kind { get; set; }
    public Guid? RuleId { get; set; }
    /// <summary>What the reminder is about, in words an admin can read: <c>due 2027-03-31</c>, <c>overdue 2027-03-31 #2</c>…</summary>
    public required string Occasion { get; set; }
    public Guid? CourseId { get; set; }
    public Guid? SessionId { get; set; }
    /// <summary>The facts the texts are made of (course title, dates, days, digest lines), as JSON.</summary>
    public required string DataJson { get; set; }
    /// <summary>Where the message leads, relative to the site (e.g. <c>/learn/courses/…</c>).</summary>
    public required string Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    public MailStatus MailStatus { get; set; }
    /// <summary>Set for a test mail only; otherwise the recipient's current address is looked up when sending.</summary>
    public string? MailTo { get; set; }
    public int MailAttempts { get; set; }
    public DateTimeOffset? MailNextAttemptAt { get; set; }
    public DateTimeOffset? MailSentAt { get; set; }
    public string? MailError { get; set; }
    /// <summary>A drain holding the row until then; another drain leaves it alone.</summary>
    public DateTimeOffset? MailLeaseUntil { get; set; }
    public Guid? MailLeaseId { get; set; }
}

internal enum MailStatus
{
    /// <summary>Inbox only: the person turned e-mail off for this kind.</summary>
    NotWanted = 0,
    Pending = 1,
    Sent = 2,
    /// <summary>Given up: a permanent refusal, or every retry failed (an admin can send it again).</summary>
    Failed = 3,
    /// <summary>The person has no e-mail address in the roster.</summary>
    NoAddress = 4,
    /// <summary>No longer needed when its turn came: the course was completed, the seat given up, the session cancelled.</summary>
    Obsolete = 5,
}

/// <summary>One person's choices. Absent means the defaults: Japanese, every kind by e-mail, working hours only.</summary>
internal sealed class NotificationPreference
{
    public Guid StaffId { get; set; }
    /// <summary><c>ja</c> or <c>en</c>: the language of e-mails.</summary>
    public string Culture { get; set; } = "ja";
    /// <summary>Kinds not wanted by e-mail, comma-separated (the inbox still gets them).</summary>
    public string MailOff { get; set; } = "";
    /// <summary>False: e-mail at any hour. True: only within <see cref="WorkStart"/>–<see cref="WorkEnd"/> on working days.</summary>
    public bool QuietHours { get; set; } = true;
    public TimeOnly WorkStart { get; set; } = new(8, 30);
    public TimeOnly WorkEnd { get; set; } = new(17, 15);
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What a job run did (sweeps and digests), for the admin page.</summary>
internal sealed class NotificationRun
{
    public Guid Id { get; set; }
    public required string Job { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public int Created { get; set; }
    public required string Summary { get; set; }
}
