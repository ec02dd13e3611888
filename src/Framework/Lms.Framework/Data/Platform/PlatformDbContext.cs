using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Lms.Framework.Data.Platform;

/// <summary>
/// The platform's own tables: which recipes ran, the site settings every module reads, and the data-protection keys
/// (in the database, so that every node of a several-node site reads cookies and antiforgery tokens of the others).
/// </summary>
public class PlatformDbContext(DbContextOptions options) : ModuleDbContext(options), IDataProtectionKeyContext
{
    public const string Prefix = "platform";

    public DbSet<RecipeRun> RecipeRuns => Set<RecipeRun>();
    public DbSet<SiteSettingsRecord> SiteSettings => Set<SiteSettingsRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RecipeRun>(e =>
        {
            e.ToTable("platform_recipe_runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.RecipeName).HasMaxLength(200).IsRequired();
            e.Property(r => r.Source).HasMaxLength(500).IsRequired();
            e.Property(r => r.ExecutedBy).HasMaxLength(200);
            e.HasIndex(r => r.RecipeName);
        });
        modelBuilder.Entity<SiteSettingsRecord>(e =>
        {
            e.ToTable("platform_site_settings");
            e.HasKey(s => s.Id);
            e.Property(s => s.SiteName).HasMaxLength(200).IsRequired();
            e.Property(s => s.OrganizationName).HasMaxLength(200).IsRequired();
            e.Property(s => s.TimeZoneId).HasMaxLength(100).IsRequired();
            e.Property(s => s.BaseUrl).HasMaxLength(500);
        });
        modelBuilder.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("platform_data_protection_keys");
            e.HasKey(k => k.Id);
        });
    }
}

public sealed class SqlitePlatformDbContext(DbContextOptions<SqlitePlatformDbContext> options) : PlatformDbContext(options);

public sealed class PostgresPlatformDbContext(DbContextOptions<PostgresPlatformDbContext> options) : PlatformDbContext(options);

public sealed class RecipeRun
{
    public Guid Id { get; set; }
    public required string RecipeName { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset ExecutedAt { get; set; }
    public string? ExecutedBy { get; set; }
    public int StepCount { get; set; }
}

/// <summary>A single row (Id = 1).</summary>
public sealed class SiteSettingsRecord
{
    public int Id { get; set; } = 1;
    public required string SiteName { get; set; }
    public required string OrganizationName { get; set; }
    public required string TimeZoneId { get; set; }
    public string? BaseUrl { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
