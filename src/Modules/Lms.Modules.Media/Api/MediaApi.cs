using System.Security.Claims;
using Lms.Framework.Web;
using Lms.Modules.Media.Data;
using Lms.Modules.Media.Features.DeleteMedia;
using Lms.Modules.Media.Features.ManageMedia;
using Lms.Modules.Media.Features.UploadMedia;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Media.Api;

/// <summary>The library for the Markdown editor's picker and for automation (authors and admins).</summary>
internal static class MediaApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Media").MapGroup("/admin/media").RequireAuthorization(Permissions.ManageMedia.Name);

        api.MapGet("/", async (string? kind, string? q, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new ListMedia(kind, q, page ?? 1, pageSize ?? ListMedia.DefaultPageSize), ct);
                return Results.Ok(new MediaPageJson(result.Items.Select(MediaJson.From).ToList(), result.Page, result.PageSize, result.TotalCount, result.PageCount));
            })
            .WithName("ListMedia")
            .WithSummary("Files of the media library, newest first: ?kind=image|pdf, ?q= (name or alt text), ?page= (24 a page; ?pageSize= up to 100).")
            .Produces<MediaPageJson>();

        api.MapGet("/{id:guid}", async (Guid id, MediaDbContext db, CancellationToken ct) =>
                await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is { } file
                    ? Results.Ok(MediaJson.From(file))
                    : ApiEndpoints.Problem(StatusCodes.Status404NotFound))
            .WithName("GetMedia")
            .Produces<MediaJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, IMediator mediator, IStringLocalizer<MediaStrings> T, CancellationToken ct) =>
            {
                // UploadLimits has read the form already, within the configured size.
                var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
                if (file is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["Send the file as multipart/form-data in a field named file."]);
                }

                await using var content = file.OpenReadStream();
                var result = await mediator.Send(new UploadMedia(file.FileName, content, file.Length, request.Form["alt"].ToString(), user.Identity?.Name ?? "api"), ct);
                if (!result.Succeeded)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, result.Error);
                }

                var json = MediaJson.From(result.File!);
                return Results.Created($"/api/v1/admin/media/{json.Id}", json);
            })
            .DisableAntiforgery() // bearer callers; the cookie is SameSite=Lax, so no cross-site form can post here
            .WithName("UploadMedia")
            .WithSummary("Upload one image (PNG, JPEG, WebP, SVG: sanitised) or PDF: multipart field 'file', optional 'alt'. The type comes from the bytes; the size limit is Lms:Media:MaxUploadBytes (20 MB).")
            .Produces<MediaJson>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, IStringLocalizer<MediaStrings> T, CancellationToken ct) =>
            {
                var result = await mediator.Send(new DeleteMedia(id), ct);
                return result.Outcome switch
                {
                    DeleteOutcome.Deleted => Results.NoContent(),
                    DeleteOutcome.NotFound => ApiEndpoints.Problem(StatusCodes.Status404NotFound),
                    _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: T["This file is still used, so it was not deleted. Remove it from the places listed first."],
                        extensions: new Dictionary<string, object?> { ["usages"] = result.Usages.Select(u => new MediaUsageJson(u.Owner, u.Description, u.Link, u.Published)).ToList() }),
                };
            })
            .WithName("DeleteMedia")
            .WithSummary("Delete a file nothing uses. A file in use is kept: 409 with the list of usages.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
