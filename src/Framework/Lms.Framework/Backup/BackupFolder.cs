using Lms.Framework.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Framework.Backup;

/// <summary>
/// A folder of the site's own files that a backup must hold beside the database. <paramref name="Name"/> is the
/// folder's path inside the backup and, relative to the data directory, where a restore puts it by default
/// (e.g. <c>media</c>); <paramref name="Resolve"/> returns where the folder is today, or null when the files
/// are not on this machine's disk (another store is configured).
/// </summary>
public sealed record BackupFolder(string Name, Func<IServiceProvider, string?> Resolve);

public static class BackupServiceCollectionExtensions
{
    /// <summary>Adds a folder of the site's files to what <c>backup &lt;file&gt;</c> copies.</summary>
    public static IServiceCollection AddBackupFolder(this IServiceCollection services, string name, Func<IServiceProvider, string?> resolve)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(resolve);
        services.AddSingleton(new BackupFolder(name, resolve));
        return services;
    }

    /// <summary>The <c>backup</c> command. The data-protection keys need no folder: they are rows of the database (ADR 0020).</summary>
    internal static IServiceCollection AddLmsBackup(this IServiceCollection services)
    {
        services.AddScoped<ICommandLineCommand, BackupCommand>();
        services.AddSingleton<SiteBackup>();
        return services;
    }
}
