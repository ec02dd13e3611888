using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Reporting.Data;

public class ReportingDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "reporting";

    internal DbSet<ReportPerson> People => Set<ReportPerson>();
    internal DbSet<ReportEnrolment> Enrolments => Set<ReportEnrolment>();
    internal DbSet<ReportSurveyAnswer> SurveyAnswers => Set<ReportSurveyAnswer>();

    internal DbSet<ReportReadiness> Readiness => Set<ReportReadiness>();
    internal DbSet<ReportSession> Sessions => Set<ReportSession>();
    internal DbSet<ReportRebuild> Rebuilds => Set<ReportRebuild>();
    internal DbSet<ReportNudge> Nudges => Set<ReportNudge>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReportPerson>(e =>
        {
            e.ToTable("reporting_people");
            e.HasKey(p => p.StaffId);
            e.Property(p => p.StaffId).ValueGeneratedNever();
            e.Property(p => p.EmployeeNumber).HasMaxLength(64);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.NameKana).HasMaxLength(200);
            e.HasIndex(p => new { p.OrgUnitId, p.IsActive });
            e.HasIndex(p => p.EmployeeNumber);
        });
        modelBuilder.Entity<ReportEnrolment>(e =>
        {
            e.ToTable("reporting_enrolments");
            e.HasKey(x => new { x.StaffId, x.CourseId });
            e.HasIndex(x => new { x.OrgUnitId, x.CourseId });
            e.HasIndex(x => new { x.CourseId, x.CompletedAt });
            e.HasIndex(x => x.DueDate);
        });
        modelBuilder.Entity<ReportSurveyAnswer>(e =>
        {
            e.ToTable("reporting_survey_answers");
            e.HasKey(x => new { x.StaffId, x.ActivityId, x.ItemKey });
            e.Property(x => x.ItemKey).HasMaxLength(64);
            e.Property(x => x.Instrument).HasMaxLength(100);
            e.Property(x => x.Phase).HasMaxLength(20);
            e.HasIndex(x => new { x.Instrument, x.Phase, x.ItemKey });
        });
        modelBuilder.Entity<ReportReadiness>(e =>
        {
            e.ToTable("reporting_readiness");
            e.HasKey(x => new { x.StaffId, x.Instrument, x.ItemKey });
            e.Property(x => x.ItemKey).HasMaxLength(64);
            e.Property(x => x.Instrument).HasMaxLength(100);
            e.HasIndex(x => new { x.Instrument, x.ItemKey });
        });
        modelBuilder.Entity<ReportSession>(e =>
        {
            e.ToTable("reporting_sessions");
            e.HasKey(x => x.SessionId);
            e.Property(x => x.SessionId).ValueGeneratedNever();
            e.HasIndex(x => x.StartsAt);
        });
        modelBuilder.Entity<ReportNudge>(e =>
        {
            e.ToTable("reporting_nudges");
            e.HasKey(x => new { x.StaffId, x.Day });
        });
        modelBuilder.Entity<ReportRebuild>(e =>
        {
            e.ToTable("reporting_rebuilds");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Summary).HasMaxLength(1000);
            e.HasIndex(x => x.StartedAt);
        });
    }
}

public sealed class SqliteReportingDbContext(DbContextOptions<SqliteReportingDbContext> options) : ReportingDbContext(options);

public sealed class PostgresReportingDbContext(DbContextOptions<PostgresReportingDbContext> options) : ReportingDbContext(options);

internal sealed class SqliteReportingDesignTimeFactory : SqliteDesignTimeFactory<SqliteReportingDbContext>;

internal sealed class PostgresReportingDesignTimeFactory : PostgresDesignTimeFactory<PostgresReportingDbContext>;
