using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Data;

public class CoursesDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "courses";

    internal DbSet<Course> Courses => Set<Course>();
    internal DbSet<CourseVersion> Versions => Set<CourseVersion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Course>(e =>
        {
            e.ToTable("courses_courses");
            e.HasKey(c => c.Id);
            e.Property(c => c.Key).HasMaxLength(100);
            e.HasIndex(c => c.Key).IsUnique();
            e.Property(c => c.Title).HasMaxLength(200).IsRequired();
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(c => c.DraftJson).IsRequired();
            e.Property(c => c.DraftRevision).IsConcurrencyToken();
            e.Property(c => c.UpdatedBy).HasMaxLength(100);
            e.Property(c => c.CreatedBy).HasMaxLength(100);
            e.Property(c => c.ReviewRequestedBy).HasMaxLength(100);
            e.Property(c => c.Tiers).HasMaxLength(100);
        });
        modelBuilder.Entity<CourseVersion>(e =>
        {
            e.ToTable("courses_versions");
            e.HasKey(v => v.Id);
            // Two publishers racing get different numbers or one fails: never two "version 3".
            e.HasIndex(v => new { v.CourseId, v.Version }).IsUnique();
            e.Property(v => v.ContentJson).IsRequired();
            e.Property(v => v.PublishedBy).HasMaxLength(100);
            e.HasOne<Course>().WithMany().HasForeignKey(v => v.CourseId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class SqliteCoursesDbContext(DbContextOptions<SqliteCoursesDbContext> options) : CoursesDbContext(options);

public sealed class PostgresCoursesDbContext(DbContextOptions<PostgresCoursesDbContext> options) : CoursesDbContext(options);

internal sealed class SqliteCoursesDesignTimeFactory : SqliteDesignTimeFactory<SqliteCoursesDbContext>;

internal sealed class PostgresCoursesDesignTimeFactory : PostgresDesignTimeFactory<PostgresCoursesDbContext>;
