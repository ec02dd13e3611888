using System.Text.Json;
using Lms.Modules.Templates.Data;
using Lms.Modules.Templates.Liquid;
using MediatR;

namespace Lms.Modules.Templates.Features.PreviewTemplate;

/// <param name="Rendered">Null when there are errors.</param>
/// <param name="SampleError">The sample JSON does not parse (Parser message).</param>
/// <param name="RenderError">A part parsed but stopped while rendering (e.g. a runaway loop).</param>
internal sealed record PreviewOutcome(IReadOnlyDictionary<string, string>? Rendered, IReadOnlyList<LiquidError> Errors, string? SampleError = null,
    LiquidRenderException? RenderError = null);

/// <summary>Renders unsaved parts against (possibly edited) sample data. Writes nothing.</summary>
internal sealed record PreviewTemplate(TemplateKind Kind, string Culture, IReadOnlyDictionary<string, string?> Parts, string? SampleJson) : IRequest<PreviewOutcome>;

internal sealed class PreviewTemplateHandler(TemplateRenderer renderer) : IRequestHandler<PreviewTemplate, PreviewOutcome>
{
    public async Task<PreviewOutcome> Handle(PreviewTemplate request, CancellationToken cancellationToken)
    {
        var errors = renderer.Compile(request.Kind, TemplateParts.Normalize(request.Kind, request.Parts), out var liquid, out var plain);
        if (errors.Count > 0)
        {
            return new PreviewOutcome(null, errors);
        }

        Dictionary<string, object?> model;
        try
        {
            model = LiquidModel.FromJson(request.SampleJson);
        }
        catch (JsonException e)
        {
            return new PreviewOutcome(null, [], e.Message);
        }

        try
        {
            return new PreviewOutcome(await renderer.RenderAsync(request.Kind, TemplateCultures.Normalize(request.Culture), liquid, plain, model, cancellationToken), []);
        }
        catch (LiquidRenderException e)
        {
            return new PreviewOutcome(null, [], null, e);
        }
    }
}
