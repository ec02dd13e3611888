using Lms.Framework.Data;
using Lms.Modules.Templates.Data;
using Lms.Modules.Templates.Liquid;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Templates.Features.EditTemplate;

internal enum SaveStatus
{
    Saved,
    NotFound,
    /// <summary>Someone saved since <c>Revision</c> was read: nothing was written.</summary>
    Conflict,
    /// <summary>A part does not parse (or is missing, or the seal URL is not a URL): nothing was written.</summary>
    Invalid,
}

internal sealed record SaveOutcome(SaveStatus Status, int Revision, IReadOnlyList<LiquidError> Errors, string? LastSavedBy = null);

/// <summary>An admin saves a template's parts, based on the revision the editor loaded.</summary>
internal sealed record SaveTemplate(string Key, string Culture, IReadOnlyDictionary<string, string?> Parts, int Revision, string Actor) : IRequest<SaveOutcome>;

/// <summary>Back to the parts the recipe ships; from then on a recipe's new defaults apply again.</summary>
internal sealed record RestoreDefault(string Key, string Culture, int Revision, string Actor) : IRequest<SaveOutcome>;

internal sealed class EditTemplateHandler(TemplatesDbContext db, TemplateRenderer renderer, IMemoryCache cache, TimeProvider clock) :
    IRequestHandler<SaveTemplate, SaveOutcome>,
    IRequestHandler<RestoreDefault, SaveOutcome>
{
    public async Task<SaveOutcome> Handle(SaveTemplate request, CancellationToken cancellationToken)
    {
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Key == request.Key && t.Culture == request.Culture, cancellationToken);
        if (template is null)
        {
            return new SaveOutcome(SaveStatus.NotFound, 0, []);
        }

        var parts = TemplateParts.Normalize(template.Kind, request.Parts);
        foreach (var part in parts.Keys.ToList())
        {
            parts[part] = TemplateParts.Text(parts[part]);
        }

        var errors = renderer.Check(template.Kind, parts);
        if (errors.Count > 0)
        {
            return new SaveOutcome(SaveStatus.Invalid, template.Revision, errors);
        }

        var customized = !TemplateParts.SameAs(parts, TemplateParts.Deserialize(template.DefaultPartsJson));
        return await WriteAsync(template, request.Revision, parts, customized, customized ? "edited" : "restored", request.Actor, cancellationToken);
    }

    public async Task<SaveOutcome> Handle(RestoreDefault request, CancellationToken cancellationToken)
    {
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Key == request.Key && t.Culture == request.Culture, cancellationToken);
        return template is null
            ? new SaveOutcome(SaveStatus.NotFound, 0, [])
            : await WriteAsync(template, request.Revision, TemplateParts.Deserialize(template.DefaultPartsJson), false, "restored", request.Actor, cancellationToken);
    }

    private async Task<SaveOutcome> WriteAsync(Template template, int loadedRevision, Dictionary<string, string> parts, bool customized, string change, string actor,
        CancellationToken cancellationToken)
    {
        if (template.Revision != loadedRevision)
        {
            return new SaveOutcome(SaveStatus.Conflict, template.Revision, [], template.UpdatedBy);
        }

        var now = clock.GetUtcNow();
        template.PartsJson = TemplateParts.Serialize(parts);
        template.Customized = customized;
        template.Revision++;
        template.UpdatedAt = now;
        template.UpdatedBy = actor;
        db.Revisions.Add(new TemplateRevision
        {
            Id = Guid.CreateVersion7(), TemplateId = template.Id, Revision = template.Revision, PartsJson = template.PartsJson, Change = change, At = now, By = actor,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            // Another save got in between our read and our write (the revision check in the UPDATE, or the history's unique index).
            db.ChangeTracker.Clear();
            var latest = await db.Templates.AsNoTracking().FirstAsync(t => t.Id == template.Id, cancellationToken);
            return new SaveOutcome(SaveStatus.Conflict, latest.Revision, [], latest.UpdatedBy);
        }
        finally
        {
            TemplateRenderer.Forget(cache, template.Key, template.Culture);
        }

        return new SaveOutcome(SaveStatus.Saved, template.Revision, []);
    }
}
