using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Lms.Framework.Data;

/// <summary>Reads <c>Lms:Database:*</c>, <c>Lms:DataDirectory</c> and <c>ConnectionStrings:Lms</c> into <see cref="DatabaseOptions"/>.</summary>
internal static class DatabaseConfiguration
{
    public static DatabaseOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Lms:Database").Bind(options);

        var dataDirectory = configuration["Lms:DataDirectory"];
        options.DataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory)
            ? Path.Combine(environment.ContentRootPath, "App_Data")
            : Path.Combine(environment.ContentRootPath, dataDirectory));
        var shared = configuration["Lms:SharedDirectory"];
        options.SharedDirectory = string.IsNullOrWhiteSpace(shared) ? options.DataDirectory : Path.GetFullPath(Path.Combine(environment.ContentRootPath, shared));

        var connectionString = configuration.GetConnectionString("Lms");
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Lms:Database:Provider is Postgres but ConnectionStrings:Lms is empty. Set ConnectionStrings__Lms, e.g. \"Host=127.0.0.1;Database=lms;Username=lms;Password=...\".");
            }

            options.ConnectionString = connectionString;
        }
        else
        {
            options.ConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = options.SqliteDatabasePath,
                // Microsoft.Data.Sqlite retries on SQLITE_BUSY until the command timeout: that is our busy timeout.
                DefaultTimeout = 30,
                Pooling = true,
            }.ToString();
        }

        return options;
    }
}
