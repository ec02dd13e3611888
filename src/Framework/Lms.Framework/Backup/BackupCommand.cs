using System.Globalization;
using Lms.Framework.Cli;

namespace Lms.Framework.Backup;

/// <summary>
/// <c>backup &lt;file&gt; [--force]</c>: writes the running site's database and files into one ZIP that, unzipped
/// into an empty data directory, is a working site again. Refuses (exit code 2, nothing written) without a file, when
/// the file exists and <c>--force</c> is not given, or when its folder does not exist.
/// </summary>
internal sealed class BackupCommand(SiteBackup backup) : ICommandLineCommand
{
    public const string ForceOption = "--force";

    public string Name => "backup";

    public string Usage => "  dotnet run --project src/Host/Lms.Host -- backup <file.zip> [--force]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = args.Where(a => a.StartsWith('-')).ToList();
        var files = args.Where(a => !a.StartsWith('-')).ToList();
        if (options.FirstOrDefault(o => o != ForceOption) is { } unknown)
        {
            return await RefuseAsync(error, $"Unknown option '{unknown}'. The only option is {ForceOption} (replace an existing file).");
        }

        if (files.Count != 1)
        {
            return await RefuseAsync(error, files.Count == 0 ? "Name the backup file, e.g. backup /var/backups/lms-2026-04-01.zip" : "Name one backup file.");
        }

        var target = Path.GetFullPath(files[0]);
        var force = options.Contains(ForceOption);
        if (Directory.Exists(target))
        {
            return await RefuseAsync(error, $"{target} is a folder. Name the backup file inside it, e.g. {Path.Combine(target, "lms-backup.zip")}");
        }

        if (File.Exists(target) && !force)
        {
            return await RefuseAsync(error, $"{target} already exists and was left as it is. Choose another name, or add {ForceOption} to replace it.");
        }

        var folder = Path.GetDirectoryName(target);
        if (folder is null || !Directory.Exists(folder))
        {
            return await RefuseAsync(error, $"The folder {folder} does not exist. Create it first, or name a file in an existing folder.");
        }

        BackupResult result;
        try
        {
            result = await backup.WriteAsync(target, force, cancellationToken);
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"Backup failed; nothing was written to {target}.");
            await error.WriteLineAsync(e.Message);
            return 1;
        }

        await output.WriteLineAsync($"Backup written to {result.Target} ({Size(result.ArchiveBytes)}):");
        var width = result.Items.Max(i => i.Entry.Length);
        foreach (var item in result.Items)
        {
            var amount = item.IsFolder ? $"{item.Files.ToString(CultureInfo.InvariantCulture)} files, {Size(item.Bytes)} from {item.Source}" : $"{Size(item.Bytes)}, {item.Detail}";
            await output.WriteLineAsync($"  {item.Entry.PadRight(width)}  {amount}");
        }

        await output.WriteLineAsync("To restore: stop the site, unzip the file into an empty data directory (Lms:DataDirectory), start the site. See the README, \"Backups\".");
        return 0;
    }

    private static async Task<int> RefuseAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return 2;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0 'KB'", CultureInfo.InvariantCulture),
        < 1024L * 1024 * 1024 => (bytes / 1024.0 / 1024).ToString("0.0 'MB'", CultureInfo.InvariantCulture),
        _ => (bytes / 1024.0 / 1024 / 1024).ToString("0.00 'GB'", CultureInfo.InvariantCulture),
    };
}
