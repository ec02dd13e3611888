using Lms.Contracts.Media;
using Lms.Modules.Media.Data;
using Lms.Modules.Media.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Media.Features.GetMediaContent;

internal sealed class GetMediaContentHandler(MediaDbContext db, IMediaStore store) : IRequestHandler<Lms.Contracts.Media.GetMediaContent, MediaContent?>
{
    public async Task<MediaContent?> Handle(Lms.Contracts.Media.GetMediaContent request, CancellationToken cancellationToken)
    {
        if (TryParseId(request.Url) is not { } id)
        {
            return null;
        }

        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null)
        {
            return null;
        }

        await using var stream = await store.OpenReadAsync(file.StorageKey, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return new MediaContent(file.Id, file.FileName, file.ContentType, buffer.ToArray());
    }

    /// <summary>The id in <c>/media/{id}/{name}</c>, whether the URL is relative or absolute.</summary>
    internal static Guid? TryParseId(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var path = Uri.TryCreate(url.Trim(), UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : url.Trim();
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] == "media" && Guid.TryParse(segments[1], out var id) ? id : null;
    }
}
