using Lms.Framework.Settings;
using Lms.Modules.Templates.Features.ListTemplates;
using Lms.Modules.Templates.Features.PreviewTemplate;
using Lms.Modules.Templates.Liquid;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Templates.Features.EditTemplate;

/// <summary>Edit one template (<c>/admin/templates/{key}/{culture}</c>): parts, preview against the sample, save, restore the default.</summary>
[Authorize(Policy = "ManageTemplates")]
public sealed class EditModel(IMediator mediator, ISiteSettingsService settings, IStringLocalizer<TemplatesStrings> T) : PageModel
{
    internal TemplateDetail? Template { get; private set; }
    internal IReadOnlyDictionary<string, string>? Preview { get; private set; }
    internal IReadOnlyList<string> Errors { get; private set; } = [];
    internal TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    [TempData] public string? Saved { get; set; }

    [BindProperty] public Dictionary<string, string?> Parts { get; set; } = [];
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public string? Sample { get; set; }

    internal string EditUrl => TemplateAddress.AdminUrl(Template!.Summary.Key, Template.Summary.Culture);

    public async Task<IActionResult> OnGetAsync(string? path, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(path, cancellationToken))
        {
            return NotFound();
        }

        Parts = Template!.Parts.ToDictionary(p => p.Key, p => (string?)p.Value);
        Revision = Template.Summary.Revision;
        Sample = Template.SampleJson;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? path, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(path, cancellationToken))
        {
            return NotFound();
        }

        var s = Template!.Summary;
        var outcome = await mediator.Send(new SaveTemplate(s.Key, s.Culture, Parts, Revision, User.Identity?.Name ?? "?"), cancellationToken);
        return Outcome(outcome, T["The template was saved."]);
    }

    public async Task<IActionResult> OnPostRestoreAsync(string? path, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(path, cancellationToken))
        {
            return NotFound();
        }

        var s = Template!.Summary;
        var outcome = await mediator.Send(new RestoreDefault(s.Key, s.Culture, Revision, User.Identity?.Name ?? "?"), cancellationToken);
        return Outcome(outcome, T["The default text was restored."]);
    }

    /// <summary>Without JavaScript: the page again, with the preview (or the errors) under the editor. Saves nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string? path, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(path, cancellationToken))
        {
            return NotFound();
        }

        (Preview, Errors) = await PreviewAsync(cancellationToken);
        return Page();
    }

    /// <summary>The editor's script: the same preview as JSON, <c>{"rendered": {...}}</c> or <c>{"errors": [...]}</c>.</summary>
    public async Task<IActionResult> OnPostPreviewJsonAsync(string? path, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(path, cancellationToken))
        {
            return NotFound();
        }

        var (rendered, errors) = await PreviewAsync(cancellationToken);
        return new JsonResult(new { rendered, errors });
    }

    private async Task<(IReadOnlyDictionary<string, string>?, IReadOnlyList<string>)> PreviewAsync(CancellationToken cancellationToken)
    {
        var s = Template!.Summary;
        var outcome = await mediator.Send(new PreviewTemplate.PreviewTemplate(s.Kind, s.Culture, Parts, Sample), cancellationToken);
        var errors = outcome.Errors.Select(e => ErrorText.Describe(T, e)).ToList();
        if (outcome.SampleError is { } sample)
        {
            errors.Add(T["The sample data is not valid JSON: {0}", sample]);
        }

        if (outcome.RenderError is { } stopped)
        {
            errors.Add(ErrorText.Render(T, stopped));
        }

        return (outcome.Rendered, errors);
    }

    private IActionResult Outcome(SaveOutcome outcome, string saved)
    {
        switch (outcome.Status)
        {
            case SaveStatus.Saved:
                Saved = saved;
                return Redirect(EditUrl);
            case SaveStatus.NotFound:
                return NotFound();
            case SaveStatus.Conflict:
                Errors = [ErrorText.Conflict(T, outcome.LastSavedBy)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                Errors = outcome.Errors.Select(e => ErrorText.Describe(T, e)).ToList();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    private async Task<bool> LoadAsync(string? path, CancellationToken cancellationToken)
    {
        Zone = (await settings.GetAsync(cancellationToken)).TimeZone;
        Template = TemplateAddress.TryParse(path, out var key, out var culture) ? await mediator.Send(new GetTemplate(key, culture), cancellationToken) : null;
        return Template is not null;
    }

    internal static bool IsLiquid(string part) => TemplateParts.IsLiquid(part);

    internal string Label(string part) => ErrorText.PartLabel(T, part);
}
