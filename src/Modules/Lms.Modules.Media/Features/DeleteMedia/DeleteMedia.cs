using Lms.Contracts.Media;
using Lms.Modules.Media.Data;
using Lms.Modules.Media.Storage;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Lms.Modules.Media.Features.DeleteMedia;

/// <summary>Where a file is used, as every module that can refer to media says (courses, badges, certificates...).</summary>
internal sealed record FindMediaUsages(Guid Id) : IRequest<IReadOnlyList<MediaUsage>>;

/// <summary>Delete a file that nothing uses. A used file is kept, so no published lesson shows a broken image.</summary>
internal sealed record DeleteMedia(Guid Id) : IRequest<DeleteResult>;

internal enum DeleteOutcome
{
    Deleted,
    NotFound,
    InUse,
}

internal sealed record DeleteResult(DeleteOutcome Outcome, IReadOnlyList<MediaUsage> Usages);

internal sealed class DeleteMediaHandler(MediaDbContext db, IMediaStore store, IEnumerable<IMediaUsageProvider> providers, ILogger<DeleteMediaHandler> logger) :
    IRequestHandler<FindMediaUsages, IReadOnlyList<MediaUsage>>,
    IRequestHandler<DeleteMedia, DeleteResult>
{
    public async Task<IReadOnlyList<MediaUsage>> Handle(FindMediaUsages request, CancellationToken cancellationToken)
    {
        var usages = new List<MediaUsage>();
        foreach (var provider in providers)
        {
            usages.AddRange(await provider.FindUsagesAsync(request.Id, cancellationToken));
        }

        return usages;
    }

    public async Task<DeleteResult> Handle(DeleteMedia request, CancellationToken cancellationToken)
    {
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == request.Id, cancellationToken);
        if (file is null)
        {
            return new(DeleteOutcome.NotFound, []);
        }

        // A provider that fails throws: better to refuse the delete than to delete something in use.
        var usages = await Handle(new FindMediaUsages(request.Id), cancellationToken);
        if (usages.Count > 0)
        {
            return new(DeleteOutcome.InUse, usages);
        }

        db.Files.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await store.DeleteAsync(file.StorageKey, cancellationToken);
        }
        catch (IOException e)
        {
            // The row is gone, so the file can no longer be served; the bytes are only wasted space.
            logger.LogWarning(e, "Media file {Id} was deleted but its bytes ({Key}) could not be removed", file.Id, file.StorageKey);
        }

        return new(DeleteOutcome.Deleted, []);
    }
}
