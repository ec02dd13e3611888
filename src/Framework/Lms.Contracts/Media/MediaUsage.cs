namespace Lms.Contracts.Media;

/// <summary>
/// Something that shows a media file: a course draft, a published version, a badge, a certificate
/// template. <see cref="Link"/> is where an admin can go to change it (null if nowhere).
/// </summary>
public sealed record MediaUsage(string Owner, string Description, string? Link, bool Published);

/// <summary>
/// Implemented by each module that can refer to media files (by their URL, <c>/media/{id}/{name}</c>), so
/// the media library can show where a file is used before anyone deletes it.
/// </summary>
public interface IMediaUsageProvider
{
    Task<IReadOnlyList<MediaUsage>> FindUsagesAsync(Guid mediaId, CancellationToken cancellationToken);
}
