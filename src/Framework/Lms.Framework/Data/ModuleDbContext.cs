using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lms.Framework.Data;

/// <summary>
/// Base of a module's DbContext. Each module owns its tables, all named with its prefix
/// (SQLite has no schemas), and keeps its own migrations history table. A context that must
/// derive from another base (Identity's) calls <see cref="ModuleConventions.Apply"/> instead.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        ModuleConventions.Apply(configurationBuilder, Database);
}

public static class ModuleConventions
{
    public static void Apply(ModelConfigurationBuilder configurationBuilder, DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsSqlite())
        {
            // SQLite cannot compare or order DateTimeOffset stored as text; store UTC ticks so queries translate.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}

/// <summary>What the host needs to know of a module's database: its context types and table prefix.</summary>
public sealed record ModuleDatabase(string TablePrefix, Type ContextType, Type SqliteContextType, Type PostgresContextType)
{
    public string HistoryTable => TablePrefix + "_migrations_history";
}
