using System.Security.Claims;
using Lms.Framework.Content;
using Lms.Framework.Web;
using Lms.Modules.Courses.Features.ExportCourses;
using Lms.Modules.Courses.Features.ListCourses;
using Lms.Modules.Courses.Features.PublishCourse;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Courses.Api;

internal static class CoursesApi
{
    public sealed record PublishResponse(Guid CourseId, int Version, bool NewVersion);

    public sealed record MarkdownBody(string? Markdown);

    public sealed record MarkdownResponse(string Html);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Courses");

        api.MapGet("/admin/courses", (string? status, string? tier, string? updatedBy, string? q, CourseCatalog catalog, CancellationToken ct) =>
                catalog.ListAsync(new CourseFilter(status, tier, updatedBy, q), ct))
            .RequireAuthorization(Permissions.ManageCourses.Name);

        api.MapGet("/admin/courses/export", async (CourseExport export, CancellationToken ct) =>
                Results.Text((await export.ExportAsync(null, ct))!, "application/json; charset=utf-8"))
            .RequireAuthorization(Permissions.ManageCourses.Name);

        api.MapGet("/admin/courses/{id:guid}/export", async (Guid id, CourseExport export, CancellationToken ct) =>
                await export.ExportAsync([id], ct) is { } json ? Results.Text(json, "application/json; charset=utf-8") : ApiEndpoints.Problem(StatusCodes.Status404NotFound))
            .RequireAuthorization(Permissions.ManageCourses.Name);

        api.MapPost("/admin/courses/{id:guid}/publish", async (Guid id, ClaimsPrincipal user, CoursePublisher publisher, IStringLocalizer<CoursesStrings> T, CancellationToken ct) =>
            {
                var result = await publisher.TryPublishAsync(id, user.Identity?.Name, null, ct);
                return result.Outcome switch
                {
                    PublishOutcome.Published or PublishOutcome.Unchanged => Results.Ok(new PublishResponse(id, result.Version!.Value, result.Outcome == PublishOutcome.Published)),
                    PublishOutcome.NotFound => ApiEndpoints.Problem(StatusCodes.Status404NotFound),
                    PublishOutcome.Conflict => ApiEndpoints.Problem(StatusCodes.Status409Conflict, T["Someone else changed or published this course at the same moment. Reload and try again."]),
                    _ => ApiEndpoints.Problem(StatusCodes.Status400BadRequest, string.Join(" ", result.Problems.Select(p => p.Localize(T)))),
                };
            })
            .RequireAuthorization(Permissions.PublishCourses.Name)
            .DisableAntiforgery();

        // The editor's live preview: the same renderer and sanitiser as the learner's lesson page.
        api.MapPost("/admin/markdown/preview", (MarkdownBody? body, IMarkdownRenderer markdown) =>
            {
                using var writer = new StringWriter();
                markdown.Render(body?.Markdown ?? "").WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
                return Results.Ok(new MarkdownResponse(writer.ToString()));
            })
            .RequireAuthorization(Permissions.ManageCourses.Name)
            .DisableAntiforgery();
    }
}
