namespace Lms.Framework.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Lms:Database</c> plus <c>Lms:DataDirectory</c> and <c>ConnectionStrings:Lms</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. Operators who migrate separately switch this off.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Absolute data directory (SQLite files, mail pickup; media, certificates and roster uploads unless <see cref="SharedDirectory"/> says otherwise).</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>
    /// Absolute folder of the files every node must see (<c>Lms:SharedDirectory</c>): media, certificates, uploaded
    /// rosters waiting for their import job. The data directory unless set; several nodes point it at one shared mount.
    /// </summary>
    public string SharedDirectory { get; set; } = "";

    /// <summary>For SQLite: derived from the data directory unless given. For PostgreSQL: required.</summary>
    public string ConnectionString { get; set; } = "";

    public string SqliteDatabasePath => Path.Combine(DataDirectory, "lms.db");
}
