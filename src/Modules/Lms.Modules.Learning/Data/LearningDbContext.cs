using Lms.Framework.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Data;

public class LearningDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Prefix = "learning";

    internal DbSet<Assignment> Assignments => Set<Assignment>();
    internal DbSet<Enrolment> Enrolments => Set<Enrolment>();
    internal DbSet<ActivityCompletion> Completions => Set<ActivityCompletion>();
    internal DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();
    internal DbSet<Response> Responses => Set<Response>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Assignment>(e =>
        {
            e.ToTable("learning_assignments");
            e.HasKey(a => a.Id);
            e.Property(a => a.Audience).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Tier).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.Key).HasMaxLength(100);
            e.HasIndex(a => a.Key).IsUnique();
            e.Property(a => a.CreatedBy).HasMaxLength(100);
            e.HasIndex(a => a.CourseId);
        });
        modelBuilder.Entity<Enrolment>(e =>
        {
            e.ToTable("learning_enrolments");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StaffId, x.CourseId }).IsUnique();
            e.HasIndex(x => new { x.CourseId, x.CompletedAt });
        });
        modelBuilder.Entity<ActivityCompletion>(e =>
        {
            e.ToTable("learning_activity_completions");
            e.HasKey(x => x.Id);
            // The guarantee behind "completing twice records one completion": the database refuses the second.
            e.HasIndex(x => new { x.StaffId, x.ActivityId }).IsUnique();
            e.HasIndex(x => new { x.StaffId, x.CourseId });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<QuizAttempt>(e =>
        {
            e.ToTable("learning_quiz_attempts");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StaffId, x.ActivityId, x.Number }).IsUnique();
            e.Property(x => x.AnswersJson).IsRequired();
        });
        modelBuilder.Entity<Response>(e =>
        {
            e.ToTable("learning_responses");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.StaffId, x.ActivityId }).IsUnique();
            e.HasIndex(x => new { x.Instrument, x.Phase });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Instrument).HasMaxLength(100);
            e.Property(x => x.Phase).HasMaxLength(20);
        });
    }
}

public sealed class SqliteLearningDbContext(DbContextOptions<SqliteLearningDbContext> options) : LearningDbContext(options);

public sealed class PostgresLearningDbContext(DbContextOptions<PostgresLearningDbContext> options) : LearningDbContext(options);

internal sealed class SqliteLearningDesignTimeFactory : SqliteDesignTimeFactory<SqliteLearningDbContext>;

internal sealed class PostgresLearningDesignTimeFactory : PostgresDesignTimeFactory<PostgresLearningDbContext>;
