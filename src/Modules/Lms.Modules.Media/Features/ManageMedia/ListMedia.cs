using Lms.Modules.Media.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Media.Features.ManageMedia;

/// <summary>A page of the library, newest first; <paramref name="Kind"/> "image" or "pdf" (else all), <paramref name="Query"/> searches names and alt texts.</summary>
internal sealed record ListMedia(string? Kind, string? Query, int Page, int PageSize = ListMedia.DefaultPageSize) : IRequest<MediaPage>
{
    public const int DefaultPageSize = 24;
}

internal sealed record MediaPage(IReadOnlyList<MediaFile> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
}

/// <summary>Update what screen readers say for a file.</summary>
internal sealed record UpdateMediaAlt(Guid Id, string? Alt) : IRequest<bool>;

internal sealed class ListMediaHandler(MediaDbContext db) : IRequestHandler<ListMedia, MediaPage>, IRequestHandler<UpdateMediaAlt, bool>
{
    public async Task<MediaPage> Handle(ListMedia request, CancellationToken cancellationToken)
    {
        var query = db.Files.AsNoTracking();
        if (ParseKind(request.Kind) is { } kind)
        {
            query = query.Where(f => f.Kind == kind);
        }

        if (request.Query?.Trim() is { Length: > 0 } text)
        {
            var lower = text.ToLowerInvariant();
#pragma warning disable CA1862 // translated to SQL lower(): the same on SQLite and PostgreSQL, which the overload with a comparison is not
            query = query.Where(f => f.FileName.ToLower().Contains(lower) || f.Alt.ToLower().Contains(lower));
#pragma warning restore CA1862
        }

        var size = Math.Clamp(request.PageSize, 1, 100);
        var total = await query.CountAsync(cancellationToken);
        var page = Math.Clamp(request.Page, 1, Math.Max(1, (total + size - 1) / size));
        var items = await query.OrderByDescending(f => f.UploadedAt).ThenByDescending(f => f.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new MediaPage(items, page, size, total);
    }

    public async Task<bool> Handle(UpdateMediaAlt request, CancellationToken cancellationToken) =>
        await db.Files.Where(f => f.Id == request.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Alt, MediaText.CleanAlt(request.Alt)), cancellationToken) == 1;

    internal static MediaKind? ParseKind(string? kind) => kind?.ToLowerInvariant() switch
    {
        "image" => MediaKind.Image,
        "pdf" => MediaKind.Pdf,
        _ => null,
    };
}
