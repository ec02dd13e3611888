using System.Diagnostics;
using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Contracts.Workshops;
using Lms.Framework.Data;
using Lms.Framework.Jobs;
using Lms.Framework.Settings;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Notifications.Features.Reminders;

internal sealed record SweepResult(int Candidates, int Decided, int Created, IReadOnlyDictionary<string, int> CreatedByKind, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Candidates:N0} open enrolments looked at, {Decided:N0} reminders due, {Created:N0} new" +
        (CreatedByKind.Count == 0 ? "" : " (" + string.Join(", ", CreatedByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}")) + ")") +
        $", {Decided - Created:N0} already sent, in {Elapsed.TotalSeconds:0.0} s";
}

/// <summary>
/// The reminder sweep: asks Learning for the open enrolments that may need a reminder (one query), decides
/// with <see cref="ReminderPlanner"/>, and stores each reminder with an id derived from rule, person and
/// occasion, in multi-row inserts that skip what is already there. Running it twice, on two nodes at once,
/// or again after a crash stores and mails nothing twice.
/// </summary>
internal sealed class ReminderSweep(
    NotificationsDbContext db,
    IMediator mediator,
    ISiteSettingsService settings,
    PreferenceStore preferences,
    TimeProvider clock,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    ILogger<ReminderSweep> logger)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = Clock.Milliseconds(clock.GetUtcNow());
        var timeZone = (await settings.GetAsync(cancellationToken)).TimeZone;
        var today = ReminderPlanner.LocalDate(now, timeZone);
        // All rules, switched-off ones included: a switched-off rule for one course switches its kind off there.
        var rules = await db.Rules.AsNoTracking().ToListAsync(cancellationToken);

        var (dueBy, inactiveDays) = ReminderPlanner.Window(rules, today);
        DateTimeOffset? inactiveSince = inactiveDays is { } days ? LocalMidnight(today.AddDays(-days + 1), timeZone) : null;
        var candidates = await mediator.Send(new GetReminderCandidates(dueBy, inactiveSince), cancellationToken);

        var sessions = new List<SessionInfo>();
        // Workshop reminders go out on the working day before: on a Friday for Saturday to Monday, none at weekends,
        // so the mail (which waits for working hours) never arrives on the day itself.
        if (rules.Any(r => r.Enabled && r.Kind == NotificationKinds.SessionTomorrow) && WorkingHours.Default.IsWorkingDay(today))
        {
            var nextWorkingDay = today.AddDays(1);
            while (!WorkingHours.Default.IsWorkingDay(nextWorkingDay) && nextWorkingDay.DayNumber - today.DayNumber < 14)
            {
                nextWorkingDay = nextWorkingDay.AddDays(1);
            }

            var upcoming = await mediator.Send(new GetSessionsStarting(LocalMidnight(today.AddDays(1), timeZone), LocalMidnight(nextWorkingDay.AddDays(1), timeZone)), cancellationToken);
            var titles = await SessionTitles.ResolveAsync(mediator, upcoming, cancellationToken);
            sessions.AddRange(upcoming.Select(s => new SessionInfo(s, titles.GetValueOrDefault(s.ActivityId, ""))));
        }

        var courseIds = candidates.Select(c => c.CourseId).Distinct().ToList();
        var courses = courseIds.Count == 0
            ? new Dictionary<Guid, CourseInfo>()
            : (await mediator.Send(new GetPublishedCourses(courseIds), cancellationToken)).ToDictionary(c => c.Id, c => new CourseInfo(c.Id, c.Title, c.Version));
        var staffIds = candidates.Select(c => c.StaffId).Concat(sessions.SelectMany(s => s.Session.SeatedStaffIds)).Distinct().ToList();
        var active = staffIds.Count == 0
            ? new HashSet<Guid>()
            : (await mediator.Send(new GetStaffContacts(staffIds), cancellationToken)).Where(c => c.IsActive).Select(c => c.StaffId).ToHashSet();

        HashSet<Guid>? recentlyNudged = null;
        if (inactiveDays is { } quiet)
        {
            var since = now.AddDays(-quiet);
            recentlyNudged = (await db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKinds.Inactive && n.CreatedAt > since)
                .Select(n => n.StaffId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        }

        var plans = ReminderPlanner.Plan(rules, candidates, courses, active, sessions, today, timeZone, recentlyNudged);

        // Most of an hourly run's decisions were stored by an earlier run: look their ids up (a chunk at a
        // time) and build rows only for the rest. The insert still skips anything a concurrent run just stored.
        var ids = plans.Select(p => (Plan: p, Id: NotificationId(p.DedupKey))).ToList();
        var stored = new HashSet<Guid>();
        foreach (var chunk in ids.Select(p => p.Id).Chunk(ExistingLookupChunk))
        {
            stored.UnionWith(await db.Notifications.AsNoTracking().Where(n => chunk.Contains(n.Id)).Select(n => n.Id).ToListAsync(cancellationToken));
        }

        var chosen = await preferences.GetManyAsync(null, cancellationToken);
        var fresh = ReminderPlanner.OneNudgePerPerson(ids.Where(p => !stored.Contains(p.Id)).Select(p => p.Plan));
        var rows = fresh.Select(p => ToRow(p, chosen.GetValueOrDefault(p.StaffId) ?? Preferences.Default, now, timeZone)).ToList();
        var created = rows.Count == 0 ? 0 : await db.InsertIgnoringDuplicatesAsync(rows, cancellationToken);
        Inbox.Inbox.NewMessagesFor(cache, rows.Select(r => r.StaffId).Distinct());
        var byKind = rows.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count());
        NotificationsMetrics.RemindersStored(byKind, created);

        var result = new SweepResult(candidates.Count, stored.Count + rows.Count, created, byKind, watch.Elapsed);
        db.Runs.Add(new NotificationRun { Id = Guid.NewGuid(), Job = ReminderSweepJob.Id, StartedAt = now, FinishedAt = Clock.Milliseconds(clock.GetUtcNow()), Created = created, Summary = Trim(result.ToString()) });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Reminder sweep: {Summary}", result);
        return result;
    }

    /// <summary>How many ids one lookup of already stored reminders sends.</summary>
    public const int ExistingLookupChunk = 5_000;

    internal static Guid NotificationId(string dedupKey) => StableGuid.From("notification:" + dedupKey);

    /// <summary>
    /// The row to store. Its first mail attempt is the first moment within the person's working hours, so rows
    /// decided at night are not claimed (and put back) by every drain until morning.
    /// </summary>
    internal static Notification ToRow(PlannedReminder plan, Preferences chosen, DateTimeOffset now, TimeZoneInfo timeZone) => new()
    {
        Id = NotificationId(plan.DedupKey),
        DedupKey = plan.DedupKey,
        StaffId = plan.StaffId,
        Kind = plan.Kind,
        RuleId = plan.Rule.Id,
        Occasion = plan.Occasion,
        CourseId = plan.CourseId,
        SessionId = plan.SessionId,
        DataJson = plan.Data.ToJson(),
        Link = plan.Link,
        CreatedAt = now,
        MailStatus = chosen.WantsMail(plan.Kind) ? MailStatus.Pending : MailStatus.NotWanted,
        MailNextAttemptAt = FirstMailAttempt(chosen, now, timeZone),
    };

    internal static DateTimeOffset FirstMailAttempt(Preferences chosen, DateTimeOffset now, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(now, timeZone).DateTime;
        var next = chosen.Hours.NextAllowed(local);
        return next == local ? now : Clock.Milliseconds(SiteTime.ToUtc(next, timeZone));
    }

    internal static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo timeZone) => SiteTime.ToUtc(date.ToDateTime(TimeOnly.MinValue), timeZone);

    private static string Trim(string text) => text.Length <= 1000 ? text : text[..1000];
}

internal sealed class ReminderSweepJob(ReminderSweep sweep) : IRecurringJob
{
    public const string Id = "reminder-sweep";

    public async Task<string> RunAsync(CancellationToken cancellationToken) => (await sweep.RunAsync(cancellationToken)).ToString();
}

/// <summary>Session titles are their workshop activity's title (from the published course).</summary>
internal static class SessionTitles
{
    public static async Task<Dictionary<Guid, string>> ResolveAsync(IMediator mediator, IReadOnlyList<UpcomingSession> sessions, CancellationToken cancellationToken)
    {
        if (sessions.Count == 0)
        {
            return [];
        }

        var courses = await mediator.Send(new GetPublishedCourses(sessions.Select(s => s.CourseId).Distinct().ToList()), cancellationToken);
        return courses.SelectMany(c => c.Activities).GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First().Title);
    }
}
