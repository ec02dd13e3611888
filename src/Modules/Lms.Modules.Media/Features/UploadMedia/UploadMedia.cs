using System.Security.Cryptography;
using Lms.Modules.Media.Data;
using Lms.Modules.Media.Storage;
using MediatR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Media.Features.UploadMedia;

/// <summary>
/// Upload one file. Everything is checked before anything is written: a refused file leaves no row and no
/// bytes. <paramref name="Length"/> is what the form said; the content is still read no further than the limit.
/// </summary>
internal sealed record UploadMedia(string? FileName, Stream Content, long Length, string? Alt, string Actor) : IRequest<UploadResult>;

/// <summary>Either the stored file or, in the user's language, why it was refused.</summary>
internal sealed record UploadResult(MediaFile? File, string? Error)
{
    public bool Succeeded => File is not null;
}

internal sealed class UploadMediaHandler(MediaDbContext db, IMediaStore store, IOptionsSnapshot<MediaOptions> options, IStringLocalizer<MediaStrings> T, TimeProvider clock)
    : IRequestHandler<UploadMedia, UploadResult>
{
    public async Task<UploadResult> Handle(UploadMedia request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        // For messages only: the name as it will be shown, before we know its type.
        var shownName = MediaFileNames.Clean(request.FileName, new MediaType("", "", MediaKind.Image, [Path.GetExtension(request.FileName ?? "").ToLowerInvariant()]));
        if (request.Length > limit)
        {
            return Refused(T["{0} is larger than {1} MB, the largest file that can be uploaded. Make it smaller (for example, export the image at a lower resolution) and try again.", shownName, options.Value.MaxUploadMegabytes]);
        }

        var bytes = await ReadAtMostAsync(request.Content, limit + 1, cancellationToken);
        if (bytes.LongLength > limit)
        {
            return Refused(T["{0} is larger than {1} MB, the largest file that can be uploaded. Make it smaller (for example, export the image at a lower resolution) and try again.", shownName, options.Value.MaxUploadMegabytes]);
        }

        var sniffed = MediaSniffer.Sniff(bytes);
        if (sniffed.Outcome == SniffOutcome.Empty)
        {
            return Refused(T["{0} is empty.", shownName]);
        }

        if (sniffed.Outcome == SniffOutcome.Damaged)
        {
            return Refused(T["{0} is damaged or incomplete (perhaps the upload was cut short). Check the file and upload it again.", shownName]);
        }

        var type = sniffed.Type;
        if (type == MediaType.Svg)
        {
            var (outcome, clean) = SvgSanitizer.Sanitise(bytes);
            if (outcome == SvgOutcome.Unreadable)
            {
                return Refused(T["{0} cannot be used: the SVG is not well-formed or declares a DTD or entities, which are not allowed. Save it again as plain SVG from your drawing program.", shownName]);
            }

            type = outcome == SvgOutcome.Sanitised ? type : null;
            bytes = clean ?? bytes;
        }

        if (type is null)
        {
            var claimed = Path.GetExtension(request.FileName ?? "").ToLowerInvariant();
            return Refused(MediaType.All.Any(t => t.Extensions.Contains(claimed))
                ? T["{0} was refused: its name says {1}, but its content is not a PNG, JPEG, WebP, SVG or PDF file.", shownName, claimed]
                : T["{0} was refused: only images (PNG, JPEG, WebP, SVG) and PDF files can be uploaded.", shownName]);
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var file = new MediaFile
        {
            Id = id,
            FileName = MediaFileNames.Clean(request.FileName, type),
            StorageKey = $"{now:yyyy-MM}/{id:N}{type.Extension}",
            ContentType = type.ContentType,
            Kind = type.Kind,
            ByteSize = bytes.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Width = sniffed.Width,
            Height = sniffed.Height,
            Alt = MediaText.CleanAlt(request.Alt),
            UploadedAt = now,
            UploadedBy = request.Actor.Length > 100 ? request.Actor[..100] : request.Actor,
        };

        await store.SaveAsync(file.StorageKey, bytes, cancellationToken);
        try
        {
            db.Files.Add(file);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await store.DeleteAsync(file.StorageKey, CancellationToken.None);
            throw;
        }

        return new UploadResult(file, null);
    }

    private static UploadResult Refused(string message) => new(null, message);

    private static async Task<byte[]> ReadAtMostAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < max && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, max - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
