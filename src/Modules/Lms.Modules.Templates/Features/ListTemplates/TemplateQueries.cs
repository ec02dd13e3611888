using System.Text.Json;
using Lms.Modules.Templates.Data;
using Lms.Modules.Templates.Liquid;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Templates.Features.ListTemplates;

internal sealed record TemplateSummary(string Key, string Culture, TemplateKind Kind, string Name, string Description, int Revision, bool Customized,
    DateTimeOffset UpdatedAt, string? UpdatedBy);

internal sealed record TemplateDetail(TemplateSummary Summary, Dictionary<string, string> Parts, Dictionary<string, string> DefaultParts, string SampleJson,
    IReadOnlyList<string> Variables, IReadOnlyList<RevisionEntry> History);

internal sealed record RevisionEntry(int Revision, string Change, DateTimeOffset At, string? By);

/// <summary>What the admin pages and the API show of templates.</summary>
internal sealed class TemplateQueries(TemplatesDbContext db)
{
    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Templates.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(t => t.Kind).ThenBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => Array.IndexOf(TemplateCultures.All, t.Culture))
            .Select(Summary).ToList();

    public async Task<TemplateDetail?> FindAsync(string key, string culture, CancellationToken cancellationToken)
    {
        var t = await db.Templates.AsNoTracking().FirstOrDefaultAsync(x => x.Key == key && x.Culture == culture, cancellationToken);
        if (t is null)
        {
            return null;
        }

        var history = await db.Revisions.AsNoTracking().Where(r => r.TemplateId == t.Id).OrderByDescending(r => r.Revision).Take(20)
            .Select(r => new RevisionEntry(r.Revision, r.Change, r.At, r.By)).ToListAsync(cancellationToken);
        return new TemplateDetail(Summary(t), TemplateParts.Normalize(t.Kind, TemplateParts.Deserialize(t.PartsJson)!),
            TemplateParts.Normalize(t.Kind, TemplateParts.Deserialize(t.DefaultPartsJson)!), t.SampleJson, Variables(t.SampleJson), history);
    }

    private static TemplateSummary Summary(Template t) => new(t.Key, t.Culture, t.Kind, t.Name, t.Description, t.Revision, t.Customized, t.UpdatedAt, t.UpdatedBy);

    /// <summary>The variables a template can use, read off its sample model: <c>recipient.name</c>, <c>digest.items[].title</c>.</summary>
    public static IReadOnlyList<string> Variables(string sampleJson)
    {
        var result = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(sampleJson);
            Walk(document.RootElement, "", result);
        }
        catch (JsonException)
        {
            // A sample that does not parse documents nothing; the editor says so when it is previewed.
        }

        return result;
    }

    private static void Walk(JsonElement element, string path, List<string> result)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, result);
                }

                break;
            case JsonValueKind.Array:
                result.Add(path + "[]");
                if (element.GetArrayLength() > 0)
                {
                    Walk(element[0], path + "[]", result);
                }

                break;
            default:
                result.Add(path);
                break;
        }
    }
}

internal sealed record ListTemplates : MediatR.IRequest<IReadOnlyList<TemplateSummary>>;

internal sealed record GetTemplate(string Key, string Culture) : MediatR.IRequest<TemplateDetail?>;

internal sealed class TemplateQueryHandler(TemplateQueries queries) :
    MediatR.IRequestHandler<ListTemplates, IReadOnlyList<TemplateSummary>>,
    MediatR.IRequestHandler<GetTemplate, TemplateDetail?>
{
    public Task<IReadOnlyList<TemplateSummary>> Handle(ListTemplates request, CancellationToken cancellationToken) => queries.ListAsync(cancellationToken);

    public Task<TemplateDetail?> Handle(GetTemplate request, CancellationToken cancellationToken) => queries.FindAsync(request.Key, request.Culture, cancellationToken);
}
