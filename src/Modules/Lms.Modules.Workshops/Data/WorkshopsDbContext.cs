using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Data;

public class WorkshopsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "workshops";

    internal DbSet<WorkshopSession> Sessions => Set<WorkshopSession>();
    internal DbSet<SessionFacilitator> Facilitators => Set<SessionFacilitator>();
    internal DbSet<Registration> Registrations => Set<Registration>();
    internal DbSet<Team> Teams => Set<Team>();
    internal DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    internal DbSet<Artefact> Artefacts => Set<Artefact>();
    internal DbSet<SignOff> SignOffs => Set<SignOff>();
    internal DbSet<WorkshopAuditEntry> Audit => Set<WorkshopAuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkshopSession>(e =>
        {
            e.ToTable("workshops_sessions");
            e.HasKey(s => s.Id);
            e.HasIndex(s => new { s.ActivityId, s.StartsAt });
            e.HasIndex(s => s.StartsAt);
            e.HasIndex(s => s.CheckInCode).IsUnique();
            e.Property(s => s.CheckInCode).HasMaxLength(16);
            e.Property(s => s.Place).HasMaxLength(200);
            e.Property(s => s.OnlineUrl).HasMaxLength(500);
            e.Property(s => s.Tiers).HasMaxLength(64);
            e.Property(s => s.Notes).HasMaxLength(2000);
            e.HasMany(s => s.Facilitators).WithOne().HasForeignKey(f => f.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SessionFacilitator>(e =>
        {
            e.ToTable("workshops_session_facilitators");
            e.HasKey(f => new { f.SessionId, f.StaffId });
            e.HasIndex(f => f.StaffId);
        });
        modelBuilder.Entity<Registration>(e =>
        {
            e.ToTable("workshops_registrations");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.SessionId, r.StaffId }).IsUnique();
            e.HasIndex(r => new { r.StaffId, r.Status });
        });
        modelBuilder.Entity<Team>(e =>
        {
            e.ToTable("workshops_teams");
            e.HasKey(t => t.Id);
            e.HasIndex(t => new { t.SessionId, t.Number }).IsUnique();
            e.Property(t => t.Name).HasMaxLength(100);
            e.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TeamMember>(e =>
        {
            e.ToTable("workshops_team_members");
            e.HasKey(m => new { m.TeamId, m.StaffId });
            e.HasIndex(m => new { m.SessionId, m.StaffId }).IsUnique();
        });
        modelBuilder.Entity<Artefact>(e =>
        {
            e.ToTable("workshops_artefacts");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.TeamId, a.Kind }).IsUnique();
            e.Property(a => a.ContentJson).IsRequired();
            e.Property(a => a.Revision).IsConcurrencyToken();
        });
        modelBuilder.Entity<SignOff>(e =>
        {
            e.ToTable("workshops_signoffs");
            e.HasKey(s => s.Id);
            e.HasIndex(s => new { s.SessionId, s.StaffId }).IsUnique();
            // One standing sign-off per person and workshop, however many sessions they attended; a reversed one steps aside.
            e.HasIndex(s => new { s.StaffId, s.ActivityId }).IsUnique().HasFilter("\"ReversedAt\" IS NULL");
            e.Property(s => s.ReversalReason).HasMaxLength(500);
        });
        modelBuilder.Entity<WorkshopAuditEntry>(e =>
        {
            e.ToTable("workshops_audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.SessionId, a.At });
            e.Property(a => a.Action).HasMaxLength(32);
            e.Property(a => a.Detail).HasMaxLength(1000);
        });
    }
}

public sealed class SqliteWorkshopsDbContext(DbContextOptions<SqliteWorkshopsDbContext> options) : WorkshopsDbContext(options);

public sealed class PostgresWorkshopsDbContext(DbContextOptions<PostgresWorkshopsDbContext> options) : WorkshopsDbContext(options);

internal sealed class SqliteWorkshopsDesignTimeFactory : SqliteDesignTimeFactory<SqliteWorkshopsDbContext>;

internal sealed class PostgresWorkshopsDesignTimeFactory : PostgresDesignTimeFactory<PostgresWorkshopsDbContext>;
