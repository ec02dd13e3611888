using Lms.Contracts.Organization;
using Lms.Contracts.Workshops;
using Lms.Framework.Data;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Reminders;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Notifications.Handlers;

// Messages that cannot wait for the hourly sweep. Each handler works in a scope of its own (the publisher's
// may be a whole recipe) and stores its messages with ids derived from the occasion, so a redelivered event
// changes nothing.

/// <summary>A waiting-list place became a seat: tell the person at once (when the waitlist-seat rule is on).</summary>
internal sealed class OnWaitlistSeatGranted(IServiceScopeFactory scopes) : INotificationHandler<WaitlistSeatGranted>
{
    public async Task Handle(WaitlistSeatGranted notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instant = scope.ServiceProvider.GetRequiredService<InstantMessages>();
        await instant.SendAsync(NotificationKinds.WaitlistSeat, [notification.StaffId], notification.SessionId, notification.ActivityId, notification.StartsAt,
            $"seat {notification.SessionId:N} {notification.GrantedAt.ToUnixTimeMilliseconds()}", cancellationToken);
    }
}

/// <summary>A session was cancelled: everyone who held a seat or a waiting-list place hears of it.</summary>
internal sealed class OnWorkshopSessionCancelled(IServiceScopeFactory scopes) : INotificationHandler<WorkshopSessionCancelled>
{
    public async Task Handle(WorkshopSessionCancelled notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var instant = scope.ServiceProvider.GetRequiredService<InstantMessages>();
        await instant.SendAsync(NotificationKinds.SessionCancelled, notification.StaffIds, notification.SessionId, notification.ActivityId, notification.StartsAt,
            $"cancelled {notification.SessionId:N}", cancellationToken);
    }
}

internal sealed class InstantMessages(NotificationsDbContext db, IMediator mediator, PreferenceStore preferences, Lms.Framework.Settings.ISiteSettingsService settings, TimeProvider clock, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public async Task<int> SendAsync(string kind, IReadOnlyCollection<Guid> staffIds, Guid sessionId, Guid activityId, DateTimeOffset startsAt, string occasion, CancellationToken cancellationToken)
    {
        if (staffIds.Count == 0)
        {
            return 0;
        }

        var course = await mediator.Send(new Lms.Contracts.Courses.FindCourseOfActivity(activityId), cancellationToken);
        ReminderRule rule;
        if (kind == NotificationKinds.SessionCancelled)
        {
            rule = new ReminderRule { Id = Guid.Empty, Key = kind, Kind = kind };
        }
        else
        {
            // The same rule however often the event comes (first by key), honouring a rule for this course.
            var byKind = new Dictionary<string, List<ReminderRule>> { [kind] = await db.Rules.AsNoTracking().Where(r => r.Kind == kind).ToListAsync(cancellationToken) };
            if (ReminderPlanner.RulesFor(byKind, kind, course?.Id ?? Guid.Empty).FirstOrDefault() is not { } found)
            {
                return 0;
            }

            rule = found;
        }

        var title = course?.FindActivity(activityId)?.Title ?? "";
        var active = (await mediator.Send(new GetStaffContacts(staffIds), cancellationToken)).Where(c => c.IsActive).Select(c => c.StaffId).ToList();
        var chosen = await preferences.GetManyAsync(active, cancellationToken);
        var now = Clock.Milliseconds(clock.GetUtcNow());
        var timeZone = (await settings.GetAsync(cancellationToken)).TimeZone;
        var rows = active.Select(staff =>
        {
            var dedup = ReminderPlanner.Key(rule, staff, sessionId, occasion);
            var plan = new PlannedReminder(staff, kind, rule, occasion, dedup, course?.Id, sessionId,
                new MessageData { SessionTitle = title, StartsAt = startsAt, ConfirmBy = startsAt },
                kind == NotificationKinds.SessionCancelled ? $"/workshops/{activityId}" : $"/workshops/sessions/{sessionId}");
            var row = ReminderSweep.ToRow(plan, chosen.GetValueOrDefault(staff) ?? Preferences.Default, now, timeZone);
            row.RuleId = rule.Id == Guid.Empty ? null : rule.Id;
            return row;
        }).ToList();
        var created = await db.InsertIgnoringDuplicatesAsync(rows, cancellationToken);
        Features.Inbox.Inbox.NewMessagesFor(cache, rows.Select(r => r.StaffId).Distinct());
        return created;
    }
}
