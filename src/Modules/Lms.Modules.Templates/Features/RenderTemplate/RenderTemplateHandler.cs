using Lms.Contracts.Templates;
using Lms.Modules.Templates.Liquid;
using MediatR;

namespace Lms.Modules.Templates.Features.RenderTemplate;

/// <summary>The contract other modules use (reminders, certificates): render a template's parts as plain text.</summary>
internal sealed class RenderTemplateHandler(TemplateRenderer renderer) : IRequestHandler<Contracts.Templates.RenderTemplate, RenderedTemplate>
{
    public async Task<RenderedTemplate> Handle(Contracts.Templates.RenderTemplate request, CancellationToken cancellationToken)
    {
        var culture = TemplateCultures.Normalize(request.Culture);
        var template = await renderer.LoadAsync(request.Key, culture, cancellationToken) ?? throw new TemplateNotFoundException(request.Key);
        try
        {
            var parts = await renderer.RenderAsync(template, request.Model, cancellationToken);
            return new RenderedTemplate(template.Key, template.Culture, template.Revision, parts);
        }
        catch (LiquidRenderException e)
        {
            throw new TemplateRenderException(template.Key, template.Culture, e.Part ?? "", e.Message, e);
        }
    }
}
