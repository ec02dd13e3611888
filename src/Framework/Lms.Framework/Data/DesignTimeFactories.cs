using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lms.Framework.Data;

/// <summary>
/// Base for the design-time factories that <c>dotnet ef migrations add</c> uses to build one
/// migration set per provider. Never used at run time.
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(TContext).Assembly.GetName().Name))
            .Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}

public abstract class PostgresDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql("Host=localhost;Database=design_time", o => o.MigrationsAssembly(typeof(TContext).Assembly.GetName().Name))
            .Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
