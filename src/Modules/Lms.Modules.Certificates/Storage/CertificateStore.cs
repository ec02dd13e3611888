using Lms.Framework.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Certificates.Storage;

/// <summary>
/// Issued certificates and built ZIPs as files (by default <c>certificates</c> under the data directory).
/// A file is written under a temporary name and renamed into place, so a reader on any node sees all of it
/// or nothing; an issued certificate's file is never overwritten.
/// </summary>
internal sealed class CertificateStore
{
    public CertificateStore(IOptions<CertificateOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
    {
        var configured = options.Value.Root;
        Root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(database.Value.SharedDirectory, "certificates")
            : Path.Combine(environment.ContentRootPath, configured));
    }

    public string Root { get; }

    public static string CertificateKey(Guid id, DateTimeOffset issuedAt) => $"{issuedAt.UtcDateTime:yyyy}/{issuedAt.UtcDateTime:MM}/{id:N}.pdf";

    public static string ExportKey(Guid id) => $"exports/{id:N}.zip";

    public async Task SaveAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Move(temp, target, overwrite: false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes a file by streaming into it (a large ZIP), then moves it into place.</summary>
    public async Task<long> WriteAsync(string key, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            long length;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await write(file);
                await file.FlushAsync(cancellationToken);
                length = file.Length;
            }

            File.Move(temp, target, overwrite: true);
            return length;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Stream? OpenRead(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;
    }

    public void Delete(string key) => File.Delete(PathOf(key));

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is not a key inside the certificate store.", nameof(key));
        }

        return path;
    }
}
