using MediatR;

namespace Lms.Contracts.Notifications;

/// <summary>What became of a reminder asked for now.</summary>
public enum ReminderNowOutcome
{
    /// <summary>Sent: in the person's inbox now, and by e-mail as their preferences and the quiet hours allow.</summary>
    Sent,

    /// <summary>The person already had such a reminder today (site time zone), from whoever asked: nothing sent.</summary>
    AlreadySentToday,

    /// <summary>The person is not active (or unknown): nothing sent.</summary>
    NotActive,
}

/// <summary>The outcome and, when sent or already sent today, when that reminder went out.</summary>
public sealed record ReminderNowResult(ReminderNowOutcome Outcome, DateTimeOffset? SentAt);

/// <summary>
/// A manager's "nudge": a reminder to the person now, about <see cref="CourseId"/> when given (else about their
/// unfinished courses), at most one a day per person whoever asks (the limit is kept in the database, so it holds
/// across nodes and restarts). Idempotent: asking twice the same day sends one.
/// </summary>
public sealed record SendReminderNow(Guid StaffId, Guid? CourseId, Guid RequestedBy) : IRequest<ReminderNowResult>;
