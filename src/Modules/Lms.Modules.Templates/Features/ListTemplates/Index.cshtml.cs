using Lms.Modules.Templates.Data;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lms.Modules.Templates.Features.ListTemplates;

[Authorize(Policy = "ManageTemplates")]
public sealed class IndexModel(IMediator mediator, Lms.Framework.Settings.ISiteSettingsService settings) : PageModel
{
    internal TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    internal IReadOnlyList<IGrouping<TemplateKind, TemplateSummary>> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Zone = (await settings.GetAsync(cancellationToken)).TimeZone;
        Groups = (await mediator.Send(new ListTemplates(), cancellationToken)).GroupBy(t => t.Kind).ToList();
    }
}
