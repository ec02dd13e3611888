using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Notifications.Data;

public class NotificationsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "notifications";

    internal DbSet<ReminderRule> Rules => Set<ReminderRule>();
    internal DbSet<Notification> Notifications => Set<Notification>();
    internal DbSet<NotificationPreference> Preferences => Set<NotificationPreference>();
    internal DbSet<NotificationRun> Runs => Set<NotificationRun>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReminderRule>(e =>
        {
            e.ToTable("notifications_rules");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.Key).IsUnique();
            e.Property(r => r.Key).HasMaxLength(100);
            e.Property(r => r.Kind).HasMaxLength(32);
            e.Property(r => r.UpdatedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<Notification>(e =>
        {
            e.ToTable("notifications_messages");
            e.HasKey(n => n.Id);
            e.Property(n => n.Id).ValueGeneratedNever();
            e.HasIndex(n => n.DedupKey).IsUnique();
            // The inbox: a person's messages, unread first, newest first.
            e.HasIndex(n => new { n.StaffId, n.ReadAt, n.CreatedAt });
            // The outbox: what is due to be mailed.
            e.HasIndex(n => new { n.MailStatus, n.MailNextAttemptAt });
            e.HasIndex(n => n.CreatedAt);
            e.Property(n => n.DedupKey).HasMaxLength(300);
            e.Property(n => n.Kind).HasMaxLength(32);
            e.Property(n => n.Occasion).HasMaxLength(200);
            e.Property(n => n.Link).HasMaxLength(500);
            e.Property(n => n.MailTo).HasMaxLength(320);
            e.Property(n => n.MailError).HasMaxLength(1000);
        });
        modelBuilder.Entity<NotificationPreference>(e =>
        {
            e.ToTable("notifications_preferences");
            e.HasKey(p => p.StaffId);
            e.Property(p => p.Culture).HasMaxLength(8);
            e.Property(p => p.MailOff).HasMaxLength(300);
        });
        modelBuilder.Entity<NotificationRun>(e =>
        {
            e.ToTable("notifications_runs");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.Job, r.StartedAt });
            e.Property(r => r.Job).HasMaxLength(64);
            e.Property(r => r.Summary).HasMaxLength(1000);
        });
    }
}

public sealed class SqliteNotificationsDbContext(DbContextOptions<SqliteNotificationsDbContext> options) : NotificationsDbContext(options);

public sealed class PostgresNotificationsDbContext(DbContextOptions<PostgresNotificationsDbContext> options) : NotificationsDbContext(options);

internal sealed class SqliteNotificationsDesignTimeFactory : SqliteDesignTimeFactory<SqliteNotificationsDbContext>;

internal sealed class PostgresNotificationsDesignTimeFactory : PostgresDesignTimeFactory<PostgresNotificationsDbContext>;
