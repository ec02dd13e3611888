using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Media.Data;

public class MediaDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "media";

    internal DbSet<MediaFile> Files => Set<MediaFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MediaFile>(e =>
        {
            e.ToTable("media_files");
            e.HasKey(f => f.Id);
            e.Property(f => f.FileName).HasMaxLength(MediaFile.FileNameLength);
            e.Property(f => f.StorageKey).HasMaxLength(100);
            e.HasIndex(f => f.StorageKey).IsUnique();
            e.Property(f => f.ContentType).HasMaxLength(50);
            e.Property(f => f.Kind).HasConversion<string>().HasMaxLength(8);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.Property(f => f.Alt).HasMaxLength(MediaFile.AltLength);
            e.Property(f => f.UploadedBy).HasMaxLength(100);
            e.HasIndex(f => f.UploadedAt);
            e.HasIndex(f => new { f.Kind, f.UploadedAt });
        });
    }
}

public sealed class SqliteMediaDbContext(DbContextOptions<SqliteMediaDbContext> options) : MediaDbContext(options);

public sealed class PostgresMediaDbContext(DbContextOptions<PostgresMediaDbContext> options) : MediaDbContext(options);

internal sealed class SqliteMediaDesignTimeFactory : SqliteDesignTimeFactory<SqliteMediaDbContext>;

internal sealed class PostgresMediaDesignTimeFactory : PostgresDesignTimeFactory<PostgresMediaDbContext>;
