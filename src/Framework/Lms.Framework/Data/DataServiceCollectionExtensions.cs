using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lms.Framework.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers a module's DbContext. <typeparamref name="TContext"/> is what the module injects;
    /// the provider-specific subclasses exist only so that each provider has its own migration set.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services, string tablePrefix)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tablePrefix);
        var database = new ModuleDatabase(tablePrefix, typeof(TContext), typeof(TSqlite), typeof(TPostgres));
        services.AddSingleton(database);

        // The options depend only on singletons, so they are built once, not on every request's first query.
        services.AddDbContext<TSqlite>((sp, options) => Configure(sp, options, database), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddDbContext<TPostgres>((sp, options) => Configure(sp, options, database), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddScoped<TContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<TPostgres>(),
            _ => sp.GetRequiredService<TSqlite>(),
        });
        return services;
    }

    internal static void Configure(IServiceProvider sp, DbContextOptionsBuilder options, ModuleDatabase database)
    {
        var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var assembly = database.ContextType.Assembly.GetName().Name;
        switch (db.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(db.ConnectionString, o => o.MigrationsAssembly(assembly).MigrationsHistoryTable(database.HistoryTable));
                break;
            default:
                // A list in a query (ids.Contains(x)) goes to SQLite as one JSON parameter: one SQL text whatever the list's
                // length, so EF Core's command cache serves it (as several parameters, the SQL is worked out anew on each run).
                options.UseSqlite(db.ConnectionString, o => o.MigrationsAssembly(assembly).MigrationsHistoryTable(database.HistoryTable)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
        }
    }

    /// <summary>The context of this module for the configured provider (for migrations and maintenance).</summary>
    public static DbContext ResolveContext(this IServiceProvider services, ModuleDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return (DbContext)services.GetRequiredService(database.ContextType);
    }
}
