using System.Text.Json;
using Lms.Modules.Workshops.Data;

namespace Lms.Modules.Workshops.Recipes;

/// <summary>Demo artefacts in the stored JSON shape (to be aligned with the artefact editor's model).</summary>
internal static class DemoArtefactJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(ArtefactKind kind, object content) => JsonSerializer.Serialize(content, Options);
}
