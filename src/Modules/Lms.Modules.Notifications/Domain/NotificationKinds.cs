using Lms.Contracts.Templates;

namespace Lms.Modules.Notifications.Domain;

/// <summary>The kinds of message (also the kinds of reminder rule, and what people switch e-mail off for).</summary>
internal static class NotificationKinds
{
    public const string DueSoon = "due-soon";
    public const string Overdue = "overdue";
    public const string Inactive = "inactive";
    public const string SessionTomorrow = "session-tomorrow";
    public const string WaitlistSeat = "waitlist-seat";
    public const string SessionCancelled = "session-cancelled";
    public const string ManagerDigest = "manager-digest";
    /// <summary>A manager's "nudge" (お声がけ), sent at once on request: at most one a day per person.</summary>
    public const string Nudge = "nudge";
    public const string Test = "test";

    /// <summary>A rule kind that sends nothing itself: it puts long-overdue people into their manager's digest.</summary>
    public const string Escalation = "escalation";

    /// <summary>What a person can choose to receive by e-mail or not (the inbox always has them).</summary>
    public static readonly IReadOnlyList<string> Choosable = [DueSoon, Overdue, Inactive, Nudge, SessionTomorrow, WaitlistSeat, SessionCancelled, ManagerDigest];

    public static readonly IReadOnlyList<string> RuleKinds = [DueSoon, Overdue, Inactive, SessionTomorrow, WaitlistSeat, Escalation];

    public static string? TemplateKey(string kind) => kind switch
    {
        DueSoon => TemplateKeys.MailDueSoon,
        Overdue => TemplateKeys.MailOverdue,
        Inactive => TemplateKeys.MailInactive,
        SessionTomorrow => TemplateKeys.MailSessionTomorrow,
        WaitlistSeat => TemplateKeys.MailWaitlistSeat,
        SessionCancelled => TemplateKeys.MailSessionCancelled,
        ManagerDigest => TemplateKeys.MailManagerDigest,
        Nudge => TemplateKeys.MailNudge,
        _ => null,
    };

    /// <summary>The English name of a kind (a key of the module's strings).</summary>
    public static string Label(string kind) => kind switch
    {
        DueSoon => "Due date approaching",
        Overdue => "Past the due date",
        Inactive => "No recent progress",
        SessionTomorrow => "Workshop coming up (the working day before)",
        WaitlistSeat => "Waiting-list seat available",
        SessionCancelled => "Workshop session cancelled",
        ManagerDigest => "Weekly team digest (managers)",
        Nudge => "Nudges to keep learning (from a manager or the training team)",
        Escalation => "Escalation to the manager's digest",
        Test => "Test message",
        _ => kind,
    };
}
