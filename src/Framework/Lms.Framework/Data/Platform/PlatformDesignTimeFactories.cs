namespace Lms.Framework.Data.Platform;

internal sealed class SqlitePlatformDesignTimeFactory : SqliteDesignTimeFactory<SqlitePlatformDbContext>;

internal sealed class PostgresPlatformDesignTimeFactory : PostgresDesignTimeFactory<PostgresPlatformDbContext>;
