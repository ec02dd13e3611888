using System.Security.Claims;
using System.Text.Json;
using Lms.Framework.Web;
using Lms.Modules.Templates.Data;
using Lms.Modules.Templates.Features.EditTemplate;
using Lms.Modules.Templates.Features.ListTemplates;
using Lms.Modules.Templates.Features.PreviewTemplate;
using Lms.Modules.Templates.Liquid;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Templates.Api;

internal static class TemplatesApi
{
    public sealed record SaveBody(Dictionary<string, string?>? Parts, int? Revision);

    /// <param name="Kind">mail or certificate; or give the template's key (and culture) to preview it.</param>
    public sealed record PreviewBody(string? Kind, string? Key, string? Culture, Dictionary<string, string?>? Parts, JsonElement? Sample);

    public sealed record ErrorEntry(string Part, int Line, int Column, string Message);

    public sealed record TemplateListEntry(string Key, string Culture, string Kind, string Name, string Description, int Revision, bool Customized,
        DateTimeOffset UpdatedAt, string? UpdatedBy, string AdminUrl);

    public sealed record TemplateDocument(string Key, string Culture, string Kind, string Name, string Description, int Revision, bool Customized,
        DateTimeOffset UpdatedAt, string? UpdatedBy, IReadOnlyDictionary<string, string> Parts, IReadOnlyDictionary<string, string> DefaultParts,
        JsonElement Sample, IReadOnlyList<string> Variables, IReadOnlyList<RevisionEntry> History);

    public sealed record PreviewResponse(IReadOnlyDictionary<string, string> Rendered);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Templates");
        var policy = Permissions.ManageTemplates.Name;

        api.MapGet("/admin/templates", async (TemplateQueries queries, CancellationToken ct) =>
                Results.Ok((await queries.ListAsync(ct)).Select(t => new TemplateListEntry(t.Key, t.Culture, t.Kind.ToApiValue(), t.Name, t.Description, t.Revision,
                    t.Customized, t.UpdatedAt, t.UpdatedBy, TemplateAddress.AdminUrl(t.Key, t.Culture)))))
            .RequireAuthorization(policy)
            .WithName("ListTemplates")
            .WithSummary("Every e-mail and certificate template, per culture, with whether an admin edited it (customized) and its revision.")
            .Produces<TemplateListEntry[]>();

        api.MapGet("/admin/templates/{**path}", async (string path, TemplateQueries queries, IStringLocalizer<TemplatesStrings> T, CancellationToken ct) =>
                TemplateAddress.TryParse(path, out var key, out var culture) && await queries.FindAsync(key, culture, ct) is { } detail
                    ? Results.Ok(Document(detail))
                    : ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["There is no such template."]))
            .RequireAuthorization(policy)
            .WithName("GetTemplate")
            .WithSummary("One template: GET /api/v1/admin/templates/{key}/{culture}, e.g. /api/v1/admin/templates/mail/due-soon/ja (the key keeps its '/').")
            .Produces<TemplateDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPut("/admin/templates/{**path}", async (string path, SaveBody? body, ClaimsPrincipal user, IMediator mediator, TemplateQueries queries,
                IStringLocalizer<TemplatesStrings> T, CancellationToken ct) =>
            {
                if (!TemplateAddress.TryParse(path, out var key, out var culture))
                {
                    return ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["There is no such template."]);
                }

                if (body?.Parts is null || body.Revision is null)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["Send the parts and the revision you edited: {\"parts\": {…}, \"revision\": n}."]);
                }

                var outcome = await mediator.Send(new SaveTemplate(key, culture, body.Parts, body.Revision.Value, user.Identity?.Name ?? "?"), ct);
                return outcome.Status switch
                {
                    SaveStatus.NotFound => ApiEndpoints.Problem(StatusCodes.Status404NotFound, T["There is no such template."]),
                    SaveStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: ErrorText.Conflict(T, outcome.LastSavedBy),
                        extensions: new Dictionary<string, object?> { ["currentRevision"] = outcome.Revision }),
                    SaveStatus.Invalid => Invalid(T, outcome.Errors),
                    _ => Results.Ok(Document((await queries.FindAsync(key, culture, ct))!)),
                };
            })
            .RequireAuthorization(policy)
            .WithName("SaveTemplate")
            .WithSummary("Save a template's parts: {\"parts\": {\"subject\": \"…\", \"body\": \"…\"}, \"revision\": n} with the revision you read. " +
                "409 when someone saved since; 400 (with errors[].line/column) when a part does not parse. Nothing is saved then.")
            .Produces<TemplateDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/admin/templates/preview", async (PreviewBody? body, IMediator mediator, TemplateQueries queries, IStringLocalizer<TemplatesStrings> T,
                CancellationToken ct) =>
            {
                var culture = TemplateCultures.Normalize(body?.Culture);
                TemplateKind kind;
                if (TemplateParts.TryParseKind(body?.Kind, out var given))
                {
                    kind = given;
                }
                else if (body?.Key is { } key && await queries.FindAsync(key, culture, ct) is { } template)
                {
                    kind = template.Summary.Kind;
                }
                else
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["Say which kind of template this is (\"kind\": mail or certificate) or give an existing template's key and culture."]);
                }

                var sample = body?.Sample is { ValueKind: JsonValueKind.Object } s ? s.GetRawText() : "{}";
                var outcome = await mediator.Send(new PreviewTemplate(kind, culture, body?.Parts ?? [], sample), ct);
                if (outcome.Rendered is { } rendered)
                {
                    return Results.Ok(new PreviewResponse(rendered));
                }

                return outcome.RenderError is { } stopped
                    ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ErrorText.Render(T, stopped),
                        extensions: new Dictionary<string, object?> { ["errors"] = new[] { new ErrorEntry(stopped.Part ?? "", 0, 0, ErrorText.Render(T, stopped)) } })
                    : Invalid(T, outcome.Errors);
            })
            .RequireAuthorization(policy)
            .WithName("PreviewTemplate")
            .WithSummary("Render unsaved parts against sample data: {\"kind\": \"mail\", \"culture\": \"ja\", \"parts\": {…}, \"sample\": {…}}. Saves nothing.")
            .Produces<PreviewResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static IResult Invalid(IStringLocalizer T, IReadOnlyList<LiquidError> errors)
    {
        var entries = errors.Select(e => new ErrorEntry(e.Part, e.Line, e.Column, ErrorText.Describe(T, e))).ToList();
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: string.Join(" ", entries.Select(e => e.Message)),
            extensions: new Dictionary<string, object?> { ["errors"] = entries });
    }

    private static TemplateDocument Document(TemplateDetail d)
    {
        using var sample = JsonDocument.Parse(string.IsNullOrWhiteSpace(d.SampleJson) ? "{}" : d.SampleJson);
        var s = d.Summary;
        return new TemplateDocument(s.Key, s.Culture, s.Kind.ToApiValue(), s.Name, s.Description, s.Revision, s.Customized, s.UpdatedAt, s.UpdatedBy,
            d.Parts, d.DefaultParts, sample.RootElement.Clone(), d.Variables, d.History);
    }
}
