using Lms.Contracts.Learning;
using Lms.Contracts.Workshops;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;

namespace Lms.Modules.Notifications.Features.Reminders;

/// <summary>A reminder the sweep decided on; stored at most once per <see cref="DedupKey"/>.</summary>
internal sealed record PlannedReminder(Guid StaffId, string Kind, ReminderRule Rule, string Occasion, string DedupKey, Guid? CourseId, Guid? SessionId, MessageData Data, string Link);

internal sealed record CourseInfo(Guid Id, string Title, int Version);

internal sealed record SessionInfo(UpcomingSession Session, string Title);

/// <summary>
/// Decides, from the open enrolments and the rules, which reminders are due today. Pure: no clock, no
/// database; the sweep feeds it and stores what it returns.
/// </summary>
internal static class ReminderPlanner
{
    /// <summary>How far ahead the sweep must look for due dates, and how far back for inactivity (null: no such rule).</summary>
    public static (DateOnly? DueOnOrBefore, int? InactiveDays) Window(IReadOnlyList<ReminderRule> allRules, DateOnly today)
    {
        var rules = allRules.Where(r => r.Enabled).ToList();
        var dueSoon = rules.Where(r => r.Kind == NotificationKinds.DueSoon).Select(r => (int?)r.Days).Max();
        var overdue = rules.Where(r => r.Kind == NotificationKinds.Overdue).Select(r => (int?)Math.Max(1, r.Days)).Min();
        DateOnly? due = (dueSoon, overdue) switch
        {
            ({ } n, _) => today.AddDays(n),
            (null, { } m) => today.AddDays(-m),
            _ => null,
        };
        var inactive = rules.Where(r => r.Kind == NotificationKinds.Inactive).Select(r => (int?)r.Days).Min();
        return (due, inactive);
    }

    public static List<PlannedReminder> Plan(
        IReadOnlyList<ReminderRule> rules,
        IReadOnlyList<ReminderCandidate> candidates,
        IReadOnlyDictionary<Guid, CourseInfo> courses,
        IReadOnlySet<Guid> activeStaff,
        IReadOnlyList<SessionInfo> sessionsTomorrow,
        DateOnly today,
        TimeZoneInfo timeZone,
        IReadOnlySet<Guid>? recentlyNudged = null)
    {
        var plans = new List<PlannedReminder>();
        var byKind = rules.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.ToList());
        var maxDueSoon = byKind.TryGetValue(NotificationKinds.DueSoon, out var ds) && ds.Any(r => r.Enabled) ? ds.Where(r => r.Enabled).Max(r => r.Days) : -1;

        foreach (var c in candidates)
        {
            if (!activeStaff.Contains(c.StaffId) || !courses.TryGetValue(c.CourseId, out var course))
            {
                continue;
            }

            var link = $"/learn/courses/{c.CourseId}";
            var dueRelated = false;
            if (c.DueDate is { } due)
            {
                var daysLeft = due.DayNumber - today.DayNumber;
                if (daysLeft >= 0)
                {
                    // The nearest matching rule only: 7 and 1 days before give two reminders, not two on one day.
                    var rule = RulesFor(byKind, NotificationKinds.DueSoon, c.CourseId).Where(r => daysLeft <= r.Days).MinBy(r => r.Days);
                    dueRelated = daysLeft <= maxDueSoon;
                    if (rule is not null)
                    {
                        var occasion = $"due {due:yyyy-MM-dd}";
                        plans.Add(new(c.StaffId, NotificationKinds.DueSoon, rule, occasion, Key(rule, c.StaffId, c.CourseId, occasion), c.CourseId, null,
                            new MessageData { CourseTitle = course.Title, CourseVersion = course.Version, DueDate = due, Days = daysLeft }, link));
                    }
                }
                else
                {
                    var overdueRules = RulesFor(byKind, NotificationKinds.Overdue, c.CourseId).ToList();
                    dueRelated = overdueRules.Count > 0; // with no overdue rule, an idle overdue course is nudged as inactive
                    var daysOverdue = -daysLeft;
                    foreach (var rule in overdueRules)
                    {
                        var first = Math.Max(1, rule.Days);
                        if (daysOverdue < first)
                        {
                            continue;
                        }

                        var time = rule.RepeatEveryDays is > 0 and var every ? ((daysOverdue - first) / every) + 1 : 1;
                        if (time > Math.Max(1, rule.MaxTimes ?? 1))
                        {
                            continue;
                        }

                        var occasion = $"overdue {due:yyyy-MM-dd} #{time}";
                        plans.Add(new(c.StaffId, NotificationKinds.Overdue, rule, occasion, Key(rule, c.StaffId, c.CourseId, occasion), c.CourseId, null,
                            new MessageData { CourseTitle = course.Title, CourseVersion = course.Version, DueDate = due, Days = daysOverdue }, link));
                    }
                }
            }

            if (dueRelated)
            {
                // Due-date reminders already speak for the course; an inactivity nudge on top would be noise.
                continue;
            }

            var since = LocalDate(c.LastActivityAt ?? c.EnrolledAt, timeZone);
            var idle = today.DayNumber - since.DayNumber;
            var inactiveRule = RulesFor(byKind, NotificationKinds.Inactive, c.CourseId).Where(r => idle >= r.Days).MinBy(r => r.Days);
            if (inactiveRule is not null && recentlyNudged?.Contains(c.StaffId) != true)
            {
                var occasion = $"inactive since {since:yyyy-MM-dd}";
                plans.Add(new(c.StaffId, NotificationKinds.Inactive, inactiveRule, occasion, Key(inactiveRule, c.StaffId, c.CourseId, occasion), c.CourseId, null,
                    new MessageData { CourseTitle = course.Title, CourseVersion = course.Version, DueDate = c.DueDate, Days = idle }, link));
            }
        }

        foreach (var info in sessionsTomorrow)
        {
            var s = info.Session;
            var rule = RulesFor(byKind, NotificationKinds.SessionTomorrow, s.CourseId).FirstOrDefault();
            if (rule is null)
            {
                continue;
            }

            var occasion = $"session {LocalDate(s.StartsAt, timeZone):yyyy-MM-dd} {s.SessionId:N}";
            foreach (var staff in s.SeatedStaffIds.Where(activeStaff.Contains))
            {
                plans.Add(new(staff, NotificationKinds.SessionTomorrow, rule, occasion, Key(rule, staff, s.SessionId, occasion), s.CourseId, s.SessionId,
                    new MessageData { SessionTitle = info.Title, StartsAt = s.StartsAt, Place = s.Place ?? s.OnlineUrl }, $"/workshops/sessions/{s.SessionId}"));
            }
        }

        return plans;
    }

    /// <summary>
    /// Inactivity is about the person, not each course: of the nudges not stored yet, one per person (the course idle
    /// longest). Called after the sweep dropped what earlier runs stored, so a course nudged before does not keep
    /// the person's other idle courses waiting.
    /// </summary>
    public static IEnumerable<PlannedReminder> OneNudgePerPerson(IEnumerable<PlannedReminder> plans) =>
        plans.Where(p => p.Kind != NotificationKinds.Inactive)
            .Concat(plans.Where(p => p.Kind == NotificationKinds.Inactive)
                .GroupBy(p => p.StaffId)
                .Select(g => g.OrderByDescending(p => p.Data.Days).ThenBy(p => p.CourseId).First()));

    /// <summary>
    /// The enabled rules of a kind for a course: those written for that course when there are any (a switched-off
    /// one included: it switches the kind off for that course), else those for all courses. Ordered by key.
    /// </summary>
    public static IEnumerable<ReminderRule> RulesFor(IReadOnlyDictionary<string, List<ReminderRule>> byKind, string kind, Guid courseId)
    {
        if (!byKind.TryGetValue(kind, out var rules))
        {
            return [];
        }

        var specific = rules.Where(r => r.CourseId == courseId).ToList();
        return (specific.Count > 0 ? specific : rules.Where(r => r.CourseId is null)).Where(r => r.Enabled).OrderBy(r => r.Key, StringComparer.Ordinal);
    }

    public static string Key(ReminderRule rule, Guid staffId, Guid subjectId, string occasion) => $"{rule.Key}|{staffId:N}|{subjectId:N}|{occasion}";

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo timeZone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, timeZone).DateTime);
}
