using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Lms.Framework.Data;

public static class DbErrors
{
    /// <summary>
    /// True when a save failed on a unique index: the row is already there (a double click, a retry,
    /// another node). Handlers rely on it to do a thing at most once without check-then-insert races.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555, // UNIQUE / PRIMARY KEY
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
    }
}
