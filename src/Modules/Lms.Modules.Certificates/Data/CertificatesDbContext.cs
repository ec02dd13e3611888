using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Certificates.Data;

public class CertificatesDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "certificates";

    internal DbSet<Certificate> Certificates => Set<Certificate>();
    internal DbSet<CertificateProgramme> Programmes => Set<CertificateProgramme>();
    internal DbSet<CertificateAuditEntry> Audit => Set<CertificateAuditEntry>();
    internal DbSet<CertificateExport> Exports => Set<CertificateExport>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Certificate>(e =>
        {
            e.ToTable("certificates_certificates");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasIndex(c => c.Code).IsUnique();
            e.HasIndex(c => c.IssueKey).IsUnique();
            e.HasIndex(c => new { c.StaffId, c.IssuedAt });
            e.HasIndex(c => new { c.CourseId, c.Status });
            e.HasIndex(c => c.IssuedAt);
            e.Property(c => c.Code).HasMaxLength(16);
            e.Property(c => c.IssueKey).HasMaxLength(200);
            e.Property(c => c.Title).HasMaxLength(300);
            e.Property(c => c.RecipientName).HasMaxLength(200);
            e.Property(c => c.RecipientNameKana).HasMaxLength(200);
            e.Property(c => c.EmployeeNumber).HasMaxLength(64);
            e.Property(c => c.Issuer).HasMaxLength(200);
            e.Property(c => c.Culture).HasMaxLength(8);
            e.Property(c => c.FileKey).HasMaxLength(200);
            e.Property(c => c.FileSha256).HasMaxLength(64);
            e.Property(c => c.RevokedBy).HasMaxLength(256);
            e.Property(c => c.RevokedReason).HasMaxLength(500);
        });
        modelBuilder.Entity<CertificateProgramme>(e =>
        {
            e.ToTable("certificates_programmes");
            e.HasKey(p => p.Id);
            e.HasIndex(p => p.Key).IsUnique();
            e.Property(p => p.Key).HasMaxLength(100);
            e.Property(p => p.Title).HasMaxLength(300);
            e.Property(p => p.TitleEn).HasMaxLength(300);
            e.Property(p => p.CourseKeys).HasMaxLength(1000);
            e.Ignore(p => p.CourseKeyList);
        });
        modelBuilder.Entity<CertificateAuditEntry>(e =>
        {
            e.ToTable("certificates_audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.CertificateId, a.At });
            e.HasIndex(a => a.At);
            e.Property(a => a.Action).HasMaxLength(32);
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Detail).HasMaxLength(1000);
        });
        modelBuilder.Entity<CertificateExport>(e =>
        {
            e.ToTable("certificates_exports");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.CreatedAt);
            e.Property(x => x.RequestedBy).HasMaxLength(256);
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.FileKey).HasMaxLength(200);
            e.Property(x => x.Error).HasMaxLength(1000);
        });
    }
}

public sealed class SqliteCertificatesDbContext(DbContextOptions<SqliteCertificatesDbContext> options) : CertificatesDbContext(options);

public sealed class PostgresCertificatesDbContext(DbContextOptions<PostgresCertificatesDbContext> options) : CertificatesDbContext(options);

internal sealed class SqliteCertificatesDesignTimeFactory : SqliteDesignTimeFactory<SqliteCertificatesDbContext>;

internal sealed class PostgresCertificatesDesignTimeFactory : PostgresDesignTimeFactory<PostgresCertificatesDbContext>;
