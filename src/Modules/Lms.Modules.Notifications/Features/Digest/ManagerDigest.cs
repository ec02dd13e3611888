using System.Globalization;
using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Contracts.Workshops;
using Lms.Framework.Data;
using Lms.Framework.Jobs;
using Lms.Framework.Security;
using Lms.Framework.Settings;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Reminders;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Notifications.Features.Digest;

/// <summary>
/// The managers' weekly digest: for each manager with a team, one message (inbox and e-mail) with the team's
/// completion, who is overdue by more than the escalation rule's days (and by how long), and the sessions
/// coming up in the next two weeks. Keyed by manager and week: at most one a week however often it runs.
/// </summary>
internal sealed class ManagerDigest(
    NotificationsDbContext db,
    IMediator mediator,
    ISiteSettingsService settings,
    PreferenceStore preferences,
    TimeProvider clock,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    ILogger<ManagerDigest> logger)
{
    public static readonly TimeSpan SessionsAhead = TimeSpan.FromDays(14);

    public async Task<(int Managers, int Created)> RunAsync(CancellationToken cancellationToken)
    {
        var now = Clock.Milliseconds(clock.GetUtcNow());
        var site = await settings.GetAsync(cancellationToken);
        var today = ReminderPlanner.LocalDate(now, site.TimeZone);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var week = $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";
        var rules = await db.Rules.AsNoTracking().Where(r => r.Kind == NotificationKinds.Escalation).ToListAsync(cancellationToken);
        var byKind = rules.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.ToList());
        var digestRule = new ReminderRule { Id = Guid.Empty, Key = NotificationKinds.ManagerDigest, Kind = NotificationKinds.ManagerDigest };

        var managers = await mediator.Send(new GetStaffInRole(RoleNames.Manager), cancellationToken);
        var chosen = await preferences.GetManyAsync(managers.Select(m => m.StaffId).ToList(), cancellationToken);
        var rows = new List<Notification>();
        foreach (var manager in managers.Where(m => m.IsActive))
        {
            var members = await mediator.Send(new GetTeamMembers(manager.StaffId), cancellationToken);
            if (members.Count == 0)
            {
                continue;
            }

            var digest = await BuildAsync(members, byKind, today, now, monday, site.TimeZone, cancellationToken);
            if (digest.Enrolments == digest.Completed && digest.Sessions.Count == 0)
            {
                continue; // nothing to tell: no message is better than an empty one
            }

            var dedup = $"{NotificationKinds.ManagerDigest}|{manager.StaffId:N}|{week}";
            var id = StableGuid.From("notification:" + dedup);
            var plan = new PlannedReminder(manager.StaffId, NotificationKinds.ManagerDigest, digestRule, $"week {week}", dedup, null, null,
                new MessageData { Digest = digest }, $"/me/notifications/{id}");
            var row = ReminderSweep.ToRow(plan, chosen.GetValueOrDefault(manager.StaffId) ?? Preferences.Default, now, site.TimeZone);
            row.RuleId = null;
            rows.Add(row);
        }

        var created = rows.Count == 0 ? 0 : await db.InsertIgnoringDuplicatesAsync(rows, cancellationToken);
        Inbox.Inbox.NewMessagesFor(cache, rows.Select(r => r.StaffId).Distinct());
        db.Runs.Add(new NotificationRun
        {
            Id = Guid.NewGuid(), Job = ManagerDigestJob.Id, StartedAt = now, FinishedAt = Clock.Milliseconds(clock.GetUtcNow()), Created = created,
            Summary = $"{rows.Count} managers with a team to report on, {created} digests new for {week}, {rows.Count - created} already sent this week",
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Manager digest {Week}: {Count} managers, {Created} new", week, rows.Count, created);
        return (rows.Count, created);
    }

    private async Task<DigestData> BuildAsync(IReadOnlyList<Guid> members, Dictionary<string, List<ReminderRule>> rules, DateOnly today, DateTimeOffset now, DateOnly monday, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        var contacts = (await mediator.Send(new GetStaffContacts(members), cancellationToken)).ToDictionary(c => c.StaffId);
        var records = await mediator.Send(new GetLearningRecords(members), cancellationToken);
        var courses = records.Enrolments.Count == 0
            ? new Dictionary<Guid, PublishedCourse>()
            : (await mediator.Send(new GetPublishedCourses(records.Enrolments.Select(e => e.CourseId).Distinct().ToList()), cancellationToken)).ToDictionary(c => c.Id);
        var done = records.Completions.Select(c => (c.StaffId, c.ActivityId)).ToHashSet();

        // Active members only: someone who left (or moved away) is neither counted nor listed.
        var enrolments = records.Enrolments.Where(e => courses.ContainsKey(e.CourseId) && contacts.TryGetValue(e.StaffId, out var c) && c.IsActive).ToList();
        var items = new List<DigestItem>();
        var overdue = 0;
        foreach (var e in enrolments.Where(e => e.CompletedAt is null))
        {
            var course = courses[e.CourseId];
            var required = course.Activities.Where(a => a.Required).Select(a => a.Id).ToList();
            var percent = required.Count == 0 ? 0 : required.Count(a => done.Contains((e.StaffId, a))) * 100 / required.Count;
            var daysOverdue = e.DueDate is { } due ? today.DayNumber - due.DayNumber : 0;
            if (daysOverdue <= 0)
            {
                continue;
            }

            overdue++;
            var escalation = ReminderPlanner.RulesFor(rules, NotificationKinds.Escalation, e.CourseId).Select(r => (int?)r.Days).Min();
            if (escalation is { } days && daysOverdue > days)
            {
                items.Add(new DigestItem(e.StaffId, contacts[e.StaffId].Name, course.Title, e.DueDate, percent, true, daysOverdue));
            }
        }

        var upcoming = await mediator.Send(new GetSessionsStarting(now, now + SessionsAhead, members), cancellationToken);
        var titles = await SessionTitles.ResolveAsync(mediator, upcoming, cancellationToken);
        var sessions = upcoming.Select(s => new DigestSession(titles.GetValueOrDefault(s.ActivityId, ""), s.StartsAt, s.Place ?? s.OnlineUrl,
            s.SeatedStaffIds.Select(id => contacts.TryGetValue(id, out var c) ? c.Name : "").Where(n => n.Length > 0).Order(StringComparer.Ordinal).ToList())).ToList();

        var completed = enrolments.Count(e => e.CompletedAt is not null);
        return new DigestData(
            monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            contacts.Values.Count(c => c.IsActive),
            enrolments.Count,
            completed,
            enrolments.Count == 0 ? 100 : completed * 100 / enrolments.Count,
            overdue,
            items.OrderByDescending(i => i.DaysOverdue).ThenBy(i => i.Name, StringComparer.Ordinal).ToList(),
            sessions);
    }
}

internal sealed class ManagerDigestJob(ManagerDigest digest) : IRecurringJob
{
    public const string Id = "manager-digest";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var (managers, created) = await digest.RunAsync(cancellationToken);
        return $"{managers} managers with a team to report on, {created} digests sent";
    }
}
