namespace Lms.Modules.Media.Storage;

/// <summary>
/// Where the bytes of media files live, by storage key (e.g. <c>2026-11/0193…png</c>). The default keeps
/// them in a folder; a shared deployment may point that folder at shared storage, or register another store.
/// A store never shows a half-written file: a key either opens the whole file or nothing.
/// </summary>
internal interface IMediaStore
{
    Task SaveAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <returns>Null when nothing is stored under the key.</returns>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deleting a key that holds nothing is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
