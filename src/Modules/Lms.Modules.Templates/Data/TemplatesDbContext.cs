using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Templates.Data;

public class TemplatesDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "templates";

    internal DbSet<Template> Templates => Set<Template>();
    internal DbSet<TemplateRevision> Revisions => Set<TemplateRevision>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Template>(e =>
        {
            e.ToTable("templates_templates");
            e.HasKey(t => t.Id);
            e.Property(t => t.Key).HasMaxLength(100);
            e.Property(t => t.Culture).HasMaxLength(8);
            e.HasIndex(t => new { t.Key, t.Culture }).IsUnique();
            e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Description).HasMaxLength(2000);
            e.Property(t => t.PartsJson).IsRequired();
            e.Property(t => t.DefaultPartsJson).IsRequired();
            e.Property(t => t.SampleJson).IsRequired();
            // Two admins saving at once: the database refuses the second UPDATE (WHERE revision = the one it read).
            e.Property(t => t.Revision).IsConcurrencyToken();
            e.Property(t => t.UpdatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<TemplateRevision>(e =>
        {
            e.ToTable("templates_revisions");
            e.HasKey(r => r.Id);
            e.HasIndex(r => new { r.TemplateId, r.Revision }).IsUnique();
            e.Property(r => r.PartsJson).IsRequired();
            e.Property(r => r.Change).HasMaxLength(16);
            e.Property(r => r.By).HasMaxLength(100);
        });
    }
}

public sealed class SqliteTemplatesDbContext(DbContextOptions<SqliteTemplatesDbContext> options) : TemplatesDbContext(options);

public sealed class PostgresTemplatesDbContext(DbContextOptions<PostgresTemplatesDbContext> options) : TemplatesDbContext(options);

internal sealed class SqliteTemplatesDesignTimeFactory : SqliteDesignTimeFactory<SqliteTemplatesDbContext>;

internal sealed class PostgresTemplatesDesignTimeFactory : PostgresDesignTimeFactory<PostgresTemplatesDbContext>;
