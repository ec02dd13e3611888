using Lms.Framework.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Media.Storage;

/// <summary>
/// Media files in a folder (by default <c>media</c> under the data directory). Writes go to a temporary file
/// in the same folder tree and are then renamed into place, which is atomic on one file system: a reader
/// (this node or another sharing the folder) sees the whole file or none.
/// </summary>
internal sealed class FileSystemMediaStore : IMediaStore
{
    private const string TempFolder = ".tmp";

    public FileSystemMediaStore(IOptions<MediaOptions> media, IOptions<DatabaseOptions> database, IHostEnvironment environment)
    {
        var configured = media.Value.Root;
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(database.Value.SharedDirectory, "media")
            : Path.Combine(environment.ContentRootPath, configured));
    }

    public string Root { get; }

    public async Task SaveAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        var temp = Path.Combine(Root, TempFolder, Guid.NewGuid().ToString("N") + ".part");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: false);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key)); // no error when absent
        return Task.CompletedTask;
    }

    /// <summary>Keys are made by the module, but a key is still never allowed to leave the root.</summary>
    internal string PathOf(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 100 || key.StartsWith('.') || key.Contains("..", StringComparison.Ordinal)
            || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '/'))
        {
            throw new ArgumentException($"Not a media storage key: '{key}'.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Not a media storage key: '{key}'.", nameof(key));
        }

        return path;
    }
}
