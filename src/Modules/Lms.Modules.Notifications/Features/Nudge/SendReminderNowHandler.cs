using System.Globalization;
using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Notifications;
using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Framework.Settings;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Reminders;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Notifications.Features.Nudge;

/// <summary>
/// A manager's nudge (お声がけ): one message now, to the inbox and (as the person's choices and quiet hours allow)
/// by e-mail. The key holds the person and the site's local date, so the unique index on it is the once-a-day
/// limit, whoever asks and on whichever node; nothing is counted in memory.
/// </summary>
internal sealed class SendReminderNowHandler(
    NotificationsDbContext db,
    IMediator mediator,
    ISiteSettingsService settings,
    PreferenceStore preferences,
    TimeProvider clock,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache) : IRequestHandler<SendReminderNow, ReminderNowResult>
{
    public async Task<ReminderNowResult> Handle(SendReminderNow request, CancellationToken cancellationToken)
    {
        var contacts = await mediator.Send(new GetStaffContacts([request.StaffId]), cancellationToken);
        if (contacts.FirstOrDefault(c => c.StaffId == request.StaffId) is not { IsActive: true })
        {
            return new ReminderNowResult(ReminderNowOutcome.NotActive, null);
        }

        var now = Clock.Milliseconds(clock.GetUtcNow());
        var timeZone = (await settings.GetAsync(cancellationToken)).TimeZone;
        var today = ReminderPlanner.LocalDate(now, timeZone);
        var dedupKey = Key(request.StaffId, today);

        // Asked again today: answer without looking up names and courses. Only a shortcut: the insert below decides.
        if (await SentAtAsync(dedupKey, cancellationToken) is { } earlier)
        {
            return new ReminderNowResult(ReminderNowOutcome.AlreadySentToday, earlier);
        }

        var (data, courseId) = await DescribeAsync(request, cancellationToken);
        var rule = new ReminderRule { Id = Guid.Empty, Key = NotificationKinds.Nudge, Kind = NotificationKinds.Nudge };
        var occasion = string.Create(CultureInfo.InvariantCulture, $"nudge {today:yyyy-MM-dd}");
        var plan = new PlannedReminder(request.StaffId, NotificationKinds.Nudge, rule, occasion, dedupKey, courseId, null, data,
            courseId is { } id ? $"/learn/courses/{id}" : "/");
        var row = ReminderSweep.ToRow(plan, await preferences.GetAsync(request.StaffId, cancellationToken), now, timeZone);
        row.RuleId = null;

        if (await db.InsertIgnoringDuplicatesAsync([row], cancellationToken) == 1)
        {
            Inbox.Inbox.NewMessagesFor(cache, [request.StaffId]);
            NotificationsMetrics.ReminderStored(row.Kind);
            return new ReminderNowResult(ReminderNowOutcome.Sent, row.CreatedAt);
        }

        // Someone else's nudge got in first (another manager, another node): theirs is today's.
        return new ReminderNowResult(ReminderNowOutcome.AlreadySentToday, await SentAtAsync(dedupKey, cancellationToken));
    }

    /// <summary><c>nudge|{staff}|{local date}</c>: one a day per person, the day as the site's clock has it.</summary>
    internal static string Key(Guid staffId, DateOnly localDate) =>
        string.Create(CultureInfo.InvariantCulture, $"{NotificationKinds.Nudge}|{staffId:N}|{localDate:yyyy-MM-dd}");

    private Task<DateTimeOffset?> SentAtAsync(string dedupKey, CancellationToken cancellationToken) =>
        db.Notifications.AsNoTracking().Where(n => n.DedupKey == dedupKey).Select(n => (DateTimeOffset?)n.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Who asks (by name, when the roster knows them) and what about: the course asked for when it is published, else
    /// the person's unfinished courses; with the person's due dates. The course is null when the nudge is about them all.
    /// </summary>
    private async Task<(MessageData Data, Guid? CourseId)> DescribeAsync(SendReminderNow request, CancellationToken cancellationToken)
    {
        var requester = (await mediator.Send(new GetStaffNames([request.RequestedBy]), cancellationToken))
            .FirstOrDefault(n => n.StaffId == request.RequestedBy)?.Name;
        var records = await mediator.Send(new GetLearningRecords([request.StaffId], IncludeCompletions: false), cancellationToken);
        var enrolments = records.Enrolments.Where(e => e.StaffId == request.StaffId).ToList();

        if (request.CourseId is { } courseId
            && (await mediator.Send(new GetPublishedCourses([courseId]), cancellationToken)).FirstOrDefault(c => c.Id == courseId) is { } course)
        {
            var due = enrolments.FirstOrDefault(e => e.CourseId == courseId)?.DueDate;
            return (new MessageData
            {
                CourseTitle = course.Title,
                CourseVersion = course.Version,
                DueDate = due,
                Courses = [new CourseLine(course.Title, due)],
                RequestedBy = requester,
                RequestedById = request.RequestedBy,
            }, courseId);
        }

        var open = enrolments.Where(e => e.CompletedAt is null).ToList();
        var published = open.Count == 0
            ? []
            : (await mediator.Send(new GetPublishedCourses(open.Select(e => e.CourseId).Distinct().ToList()), cancellationToken)).ToDictionary(c => c.Id, c => c.Title);
        var lines = open.Where(e => published.ContainsKey(e.CourseId))
            .Select(e => new CourseLine(published[e.CourseId], e.DueDate))
            .OrderBy(c => c.DueDate ?? DateOnly.MaxValue).ThenBy(c => c.Title, StringComparer.Ordinal)
            .ToList();
        return (new MessageData
        {
            DueDate = lines.Select(c => c.DueDate).Min(),
            Courses = lines,
            RequestedBy = requester,
            RequestedById = request.RequestedBy,
        }, null);
    }
}
