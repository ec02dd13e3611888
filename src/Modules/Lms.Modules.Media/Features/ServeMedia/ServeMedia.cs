using System.Text;
using Lms.Modules.Media.Data;
using Lms.Modules.Media.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Lms.Modules.Media.Features.ServeMedia;

/// <summary>
/// <c>GET /media/{id}/{fileName}</c> for anyone signed in (learners see the images of their lessons).
/// The bytes of an id never change, so the response may be cached for a year; the headers make a file
/// inert even if it were hostile: no sniffing, no scripts, a sandbox, and a download name that cannot
/// break the header.
/// </summary>
internal static class ServeMedia
{
    public const string ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/media/{id:guid}/{fileName}", async (Guid id, HttpContext context, MediaDbContext db, IMediaStore store, CancellationToken ct) =>
            {
                var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
                var content = file is null ? null : await store.OpenReadAsync(file.StorageKey, ct);
                if (file is null || content is null)
                {
                    return Results.NotFound();
                }

                var headers = context.Response.Headers;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.CacheControl] = "private, max-age=31536000, immutable";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                headers[HeaderNames.ContentDisposition] = InlineDisposition(file.FileName);
                return Results.File(content, file.ContentType, lastModified: file.UploadedAt,
                    entityTag: new EntityTagHeaderValue('"' + file.Sha256 + '"'), enableRangeProcessing: file.Kind == MediaKind.Pdf);
            })
            .RequireAuthorization()
            .WithName("GetMediaFile")
            .WithTags("Media")
            .WithSummary("A media file's bytes (any signed-in user). Cached for a year: a file never changes under its id.");

    /// <summary>
    /// <c>inline; filename="ascii"; filename*=UTF-8''percent-encoded</c> (RFC 6266 / RFC 5987): browsers show the
    /// Japanese name, older clients the ASCII one.
    /// </summary>
    internal static string InlineDisposition(string fileName)
    {
        var ascii = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            ascii.Append(c is >= ' ' and < (char)0x7F and not '"' and not '\\' and not ';' ? c : '_');
        }

        return $"inline; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
