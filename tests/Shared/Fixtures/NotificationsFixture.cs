using Lms.Modules.Notifications.Data;
using Lms.Modules.Notifications.Features.Digest;
using Lms.Modules.Notifications.Features.Outbox;
using Lms.Modules.Notifications.Features.Reminders;
using Lms.Modules.Notifications.Mail;
using Lms.Modules.Organization.Data;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lms.Tests.Notifications;

/// <summary>Runs the module's jobs with a clock the test moves (FakeTimeProvider), and reads what they stored.</summary>
internal static class NotificationsFixture
{
    /// <summary>Noon in Tokyo on the day <paramref name="days"/> from today (site time), as a fake clock.</summary>
    public static FakeTimeProvider ClockAtDay(int days, int hour = 12, int minute = 0)
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tokyo).DateTime);
        var local = today.AddDays(days).ToDateTime(new TimeOnly(hour, minute));
        return new FakeTimeProvider(new DateTimeOffset(local, TimeSpan.FromHours(9)).ToUniversalTime());
    }

    public static Task<SweepResult> SweepAsync(LmsAppFactory factory, TimeProvider clock) =>
        factory.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<ReminderSweep>(sp, clock).RunAsync(CancellationToken.None));

    public static Task<(int Managers, int Created)> DigestAsync(LmsAppFactory factory, TimeProvider clock) =>
        factory.WithScopeAsync(sp => ActivatorUtilities.CreateInstance<ManagerDigest>(sp, clock).RunAsync(CancellationToken.None));

    /// <summary>Drains the outbox through <paramref name="transport"/> (default: the site's, i.e. the pickup folder).</summary>
    public static Task<DrainResult> DrainAsync(LmsAppFactory factory, TimeProvider clock, IMailTransport? transport = null) =>
        factory.WithScopeAsync(sp => (transport is null
            ? ActivatorUtilities.CreateInstance<MailOutbox>(sp, clock)
            : ActivatorUtilities.CreateInstance<MailOutbox>(sp, clock, transport)).DrainAsync(CancellationToken.None));

    public static Task<List<Notification>> MessagesAsync(LmsAppFactory factory, Guid? staffId = null, string? kind = null) =>
        factory.WithScopeAsync(async sp =>
        {
            var query = sp.GetRequiredService<NotificationsDbContext>().Notifications.AsNoTracking();
            if (staffId is { } id)
            {
                query = query.Where(n => n.StaffId == id);
            }

            if (kind is not null)
            {
                query = query.Where(n => n.Kind == kind);
            }

            return await query.OrderBy(n => n.CreatedAt).ThenBy(n => n.DedupKey).ToListAsync();
        });

    public static Task UpdateRuleAsync(LmsAppFactory factory, string key, Action<ReminderRule> change) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NotificationsDbContext>();
            var rule = await db.Rules.SingleAsync(r => r.Key == key);
            change(rule);
            await db.SaveChangesAsync();
        });

    public static Task DeactivateAsync(LmsAppFactory factory, Guid staffId) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            await db.Staff.Where(s => s.Id == staffId).ExecuteUpdateAsync(u => u.SetProperty(s => s.IsActive, false));
        });

    public static Task SetEmailAsync(LmsAppFactory factory, Guid staffId, string? email) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OrganizationDbContext>();
            await db.Staff.Where(s => s.Id == staffId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Email, email));
        });

    public static string PickupDirectory(LmsAppFactory factory) => Path.Combine(factory.DataDirectory, "mail", "pickup");

    public static string[] PickedUp(LmsAppFactory factory) =>
        Directory.Exists(PickupDirectory(factory)) ? Directory.GetFiles(PickupDirectory(factory), "*.eml") : [];
}
