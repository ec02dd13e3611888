using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lms.Framework.Data.Platform;

/// <summary>
/// Sites that kept their data-protection keys as files (<c>keys/</c> in the data directory, before the keys moved to
/// the database) bring them along once, so that nobody is signed out and no protected link breaks on the upgrade.
/// </summary>
internal static class KeyImport
{
    public static async Task RunAsync(IServiceProvider services, DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var folder = new DirectoryInfo(Path.Combine(options.DataDirectory, "keys"));
        if (!folder.Exists)
        {
            return;
        }

        var files = folder.GetFiles("key-*.xml");
        if (files.Length == 0)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        if (await db.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file.Name),
                Xml = await File.ReadAllTextAsync(file.FullName, cancellationToken),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Moved {Count} data-protection key(s) from {Folder} into the database; the folder is no longer read", files.Length, folder.FullName);
    }
}
