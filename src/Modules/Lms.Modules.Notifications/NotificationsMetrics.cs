using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lms.Modules.Notifications;

/// <summary>
/// <c>lms.notifications.sent</c>: notifications that really went out, counted where they are committed. Tags:
/// <c>channel</c> is <c>inbox</c> (a reminder stored for the person: the sweep's rules and managers' nudges) or
/// <c>mail</c> (an e-mail the mail server accepted, of any kind); <c>kind</c> is the notification kind
/// (<c>due-soon</c>, <c>overdue</c>, <c>inactive</c>, <c>session-tomorrow</c>, <c>nudge</c>, <c>manager-digest</c>...).
/// </summary>
internal static class NotificationsMetrics
{
    public const string MeterName = "Lms.Notifications";
    public const string Inbox = "inbox";
    public const string Mail = "mail";

    /// <summary>The kind of reminders whose split per kind is unknown (a concurrent sweep stored some of the batch).</summary>
    public const string MixedKinds = "mixed";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>(
        "lms.notifications.sent", "{notification}", "Reminders stored in people's inboxes and e-mails sent, per channel and kind");

    /// <summary>
    /// Reminders a sweep decided (<paramref name="byKind"/>) of which <paramref name="stored"/> were really inserted:
    /// per kind when all were, else the inserted number as <see cref="MixedKinds"/> (never more than went in).
    /// </summary>
    public static void RemindersStored(IReadOnlyDictionary<string, int> byKind, int stored)
    {
        if (byKind.Values.Sum() == stored)
        {
            foreach (var (kind, count) in byKind)
            {
                Sent.Add(count, Tags(Inbox, kind));
            }
        }
        else if (stored > 0)
        {
            Sent.Add(stored, Tags(Inbox, MixedKinds));
        }
    }

    public static void ReminderStored(string kind) => Sent.Add(1, Tags(Inbox, kind));

    public static void Mailed(string kind) => Sent.Add(1, Tags(Mail, kind));

    private static TagList Tags(string channel, string kind) => new() { { "channel", channel }, { "kind", kind } };
}
