namespace Lms.Tests.Infrastructure;

/// <summary>A test only the PostgreSQL suite can run: skipped, saying so, without LMS_TEST_POSTGRES.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (LmsAppFactory.PostgresConnectionString is null)
        {
            Skip = $"Needs PostgreSQL: set {LmsAppFactory.PostgresVariable} to a connection string (the PostgreSQL suite in .ci/run does).";
        }
    }
}
