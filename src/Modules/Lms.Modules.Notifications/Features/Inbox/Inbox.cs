using Lms.Framework.Settings;
using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Notifications.Features.Inbox;

internal sealed record InboxItem(Guid Id, string Kind, string Title, string Text, string Link, DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt, DateTime LocalCreatedAt);

/// <summary>A person's in-app messages: unread first, newest first.</summary>
internal sealed class Inbox(NotificationsDbContext db, MessageComposer composer, ISiteSettingsService settings, IMemoryCache cache, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>How long the bell's count may lag behind (it is read on every page; the inbox itself is always current).</summary>
    public static readonly TimeSpan BellCacheFor = TimeSpan.FromSeconds(30);

    public async Task<(IReadOnlyList<InboxItem> Items, int Total, int Unread)> ListAsync(Guid staffId, bool unreadOnly, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.StaffId == staffId);
        var unread = await query.CountAsync(n => n.ReadAt == null, cancellationToken);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        var total = unreadOnly ? unread : await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(n => n.ReadAt == null ? 0 : 1).ThenByDescending(n => n.CreatedAt).ThenBy(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var timeZone = (await settings.GetAsync(cancellationToken)).TimeZone;
        cache.Set(BellKey(staffId), unread, BellCacheFor);
        return (rows.Select(r => View(r, timeZone)).ToList(), total, unread);
    }

    public async Task<(InboxItem Item, MessageData Data)?> FindAsync(Guid staffId, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.StaffId == staffId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var timeZone = (await settings.GetAsync(cancellationToken)).TimeZone;
        return (View(row, timeZone), MessageData.FromJson(row.DataJson));
    }

    /// <summary>Marks one's own message read (again is fine). False when there is no such message of this person.</summary>
    public async Task<bool> MarkReadAsync(Guid staffId, Guid id, CancellationToken cancellationToken)
    {
        var now = Clock.Milliseconds(clock.GetUtcNow());
        var changed = await db.Notifications.Where(n => n.Id == id && n.StaffId == staffId && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        cache.Remove(BellKey(staffId));
        return changed > 0 || await db.Notifications.AnyAsync(n => n.Id == id && n.StaffId == staffId, cancellationToken);
    }

    public async Task<int> MarkAllReadAsync(Guid staffId, CancellationToken cancellationToken)
    {
        var now = Clock.Milliseconds(clock.GetUtcNow());
        var changed = await db.Notifications.Where(n => n.StaffId == staffId && n.ReadAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        cache.Remove(BellKey(staffId));
        return changed;
    }

    /// <summary>The bell's count: cached for <see cref="BellCacheFor"/> so that pages do not pay a query each.</summary>
    public async Task<int> UnreadCountAsync(Guid staffId, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(BellKey(staffId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = BellCacheFor;
            return await db.Notifications.AsNoTracking().CountAsync(n => n.StaffId == staffId && n.ReadAt == null, cancellationToken);
        });

    private InboxItem View(Notification row, TimeZoneInfo timeZone)
    {
        var (title, text) = composer.Inbox(row, timeZone);
        var link = row.Kind == NotificationKinds.ManagerDigest ? $"/me/notifications/{row.Id}" : row.Link;
        return new(row.Id, row.Kind, title, text, link, row.CreatedAt, row.ReadAt is not null, row.ReadAt, TimeZoneInfo.ConvertTime(row.CreatedAt, timeZone).DateTime);
    }

    /// <summary>New messages for these people: their bells count again on the next page (in this process; elsewhere within <see cref="BellCacheFor"/>).</summary>
    public static void NewMessagesFor(IMemoryCache cache, IEnumerable<Guid> staffIds)
    {
        foreach (var staffId in staffIds)
        {
            cache.Remove(BellKey(staffId));
        }
    }

    private static string BellKey(Guid staffId) => $"notifications:unread:{staffId:N}";
}
