using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Data;

public class GamificationDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "gamification";

    internal DbSet<Badge> Badges => Set<Badge>();
    internal DbSet<BadgeAward> Awards => Set<BadgeAward>();
    internal DbSet<PointsEntry> Points => Set<PointsEntry>();
    internal DbSet<GamePreference> Preferences => Set<GamePreference>();
    internal DbSet<GameSettingsRow> Settings => Set<GameSettingsRow>();
    internal DbSet<Challenge> Challenges => Set<Challenge>();
    internal DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    internal DbSet<GameAuditEntry> Audit => Set<GameAuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Badge>(e =>
        {
            e.ToTable("gamification_badges");
            e.HasKey(b => b.Id);
            e.HasIndex(b => b.Key).IsUnique();
            e.Property(b => b.Key).HasMaxLength(100);
            e.Property(b => b.NameJa).HasMaxLength(100);
            e.Property(b => b.NameEn).HasMaxLength(100);
            e.Property(b => b.DescriptionJa).HasMaxLength(1000);
            e.Property(b => b.DescriptionEn).HasMaxLength(1000);
            e.Property(b => b.CriteriaJson).HasMaxLength(8000);
            e.Property(b => b.Palette).HasMaxLength(32);
            e.Property(b => b.Icon).HasMaxLength(32);
            e.Property(b => b.Label).HasMaxLength(8);
            e.Property(b => b.ImageContentType).HasMaxLength(64);
        });
        modelBuilder.Entity<BadgeAward>(e =>
        {
            e.ToTable("gamification_awards");
            e.HasKey(a => a.Id);
            // At most one award per person and badge, whatever the replays and races.
            e.HasIndex(a => new { a.BadgeId, a.StaffId }).IsUnique();
            e.HasIndex(a => new { a.StaffId, a.AwardedAt });
            e.Property(a => a.Evidence).HasMaxLength(16);
            e.Property(a => a.Reason).HasMaxLength(500);
            e.Property(a => a.AwardedBy).HasMaxLength(256);
            e.Property(a => a.RevokedReason).HasMaxLength(500);
            e.Property(a => a.RevokedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<PointsEntry>(e =>
        {
            e.ToTable("gamification_points");
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.StaffId, p.SourceKey }).IsUnique();
            e.HasIndex(p => new { p.StaffId, p.LocalDate });
            e.Property(p => p.SourceKey).HasMaxLength(200);
            e.Property(p => p.Kind).HasMaxLength(16);
        });
        modelBuilder.Entity<GamePreference>(e =>
        {
            e.ToTable("gamification_preferences");
            e.HasKey(p => p.StaffId);
        });
        modelBuilder.Entity<GameSettingsRow>(e =>
        {
            e.ToTable("gamification_settings");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<Challenge>(e =>
        {
            e.ToTable("gamification_challenges");
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.Key).IsUnique();
            e.Property(c => c.Key).HasMaxLength(100);
            e.Property(c => c.TitleJa).HasMaxLength(200);
            e.Property(c => c.TitleEn).HasMaxLength(200);
        });
        modelBuilder.Entity<SigningKey>(e =>
        {
            e.ToTable("gamification_signing_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasMaxLength(64);
            e.Property(k => k.Algorithm).HasMaxLength(16);
        });
        modelBuilder.Entity<GameAuditEntry>(e =>
        {
            e.ToTable("gamification_audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.At);
            e.Property(a => a.Action).HasMaxLength(32);
            e.Property(a => a.Detail).HasMaxLength(1000);
            e.Property(a => a.By).HasMaxLength(256);
        });
    }
}

public sealed class SqliteGamificationDbContext(DbContextOptions<SqliteGamificationDbContext> options) : GamificationDbContext(options);

public sealed class PostgresGamificationDbContext(DbContextOptions<PostgresGamificationDbContext> options) : GamificationDbContext(options);

internal sealed class SqliteGamificationDesignTimeFactory : SqliteDesignTimeFactory<SqliteGamificationDbContext>;

internal sealed class PostgresGamificationDesignTimeFactory : PostgresDesignTimeFactory<PostgresGamificationDbContext>;
