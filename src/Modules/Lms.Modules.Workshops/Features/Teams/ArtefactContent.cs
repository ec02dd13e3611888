using System.Text.Json;
using Lms.Modules.Workshops.Data;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>One text box of an artefact: its form name, label and limit, for the length check and error messages.</summary>
internal sealed record ArtefactField(string Key, string Label, string? Value, int Max);

/// <summary>
/// A team's design record as its form posts it and as it is stored (JSON in <see cref="Artefact.ContentJson"/>).
/// Public because page handlers bind it.
/// </summary>
public abstract class ArtefactContent
{
    public const int MaxText = 2000;
    public const int MaxShortText = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal abstract ArtefactKind Kind { get; }

    internal abstract IEnumerable<ArtefactField> Fields(ArtefactLabels labels);

    /// <summary>Trims every field, turns Windows line breaks into one character (so limits count what people see) and drops blank rows.</summary>
    internal abstract void Normalize();

    internal abstract IEnumerable<string?> Values { get; }

    internal bool IsEmpty => Values.All(string.IsNullOrEmpty);

    internal string ToJson() => JsonSerializer.Serialize(this, GetType(), Json);

    internal static T FromJson<T>(string? json) where T : ArtefactContent, new()
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? new T();
        }
        catch (JsonException)
        {
            // A row written by a later version or by hand: show an empty form rather than fail the page.
            return new T();
        }
    }

    protected static string? Clean(string? text)
    {
        var cleaned = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return string.IsNullOrEmpty(cleaned) ? null : cleaned;
    }
}

public sealed class PersonaContent : ArtefactContent
{
    public string? Who { get; set; }
    public string? Situation { get; set; }
    public string? Needs { get; set; }
    public string? Pains { get; set; }

    internal override ArtefactKind Kind => ArtefactKind.Persona;

    internal override IEnumerable<string?> Values => [Who, Situation, Needs, Pains];

    internal override IEnumerable<ArtefactField> Fields(ArtefactLabels labels) =>
    [
        new("Persona.Who", labels.Who, Who, MaxText),
        new("Persona.Situation", labels.Situation, Situation, MaxText),
        new("Persona.Needs", labels.Needs, Needs, MaxText),
        new("Persona.Pains", labels.Pains, Pains, MaxText),
    ];

    internal override void Normalize() => (Who, Situation, Needs, Pains) = (Clean(Who), Clean(Situation), Clean(Needs), Clean(Pains));
}

public sealed class JourneyStage
{
    public string? Name { get; set; }
    public string? Actions { get; set; }
    public string? Feelings { get; set; }
    public string? PainPoints { get; set; }

    internal bool IsBlank => Name is null && Actions is null && Feelings is null && PainPoints is null;
}

public sealed class JourneyContent : ArtefactContent
{
    public const int MaxStages = 8;

    public List<JourneyStage> Stages { get; set; } = [];

    internal override ArtefactKind Kind => ArtefactKind.Journey;

    internal override IEnumerable<string?> Values => Stages.SelectMany(s => new[] { s.Name, s.Actions, s.Feelings, s.PainPoints });

    internal override IEnumerable<ArtefactField> Fields(ArtefactLabels labels) =>
        Stages.SelectMany((s, i) => new ArtefactField[]
        {
            new($"Journey.Stages[{i}].Name", labels.StageField(i, labels.StageName), s.Name, MaxShortText),
            new($"Journey.Stages[{i}].Actions", labels.StageField(i, labels.Actions), s.Actions, MaxText),
            new($"Journey.Stages[{i}].Feelings", labels.StageField(i, labels.Feelings), s.Feelings, MaxText),
            new($"Journey.Stages[{i}].PainPoints", labels.StageField(i, labels.PainPoints), s.PainPoints, MaxText),
        });

    internal override void Normalize()
    {
        foreach (var stage in Stages)
        {
            (stage.Name, stage.Actions, stage.Feelings, stage.PainPoints) = (Clean(stage.Name), Clean(stage.Actions), Clean(stage.Feelings), Clean(stage.PainPoints));
        }

        Stages = Stages.Where(s => !s.IsBlank).ToList();
    }
}

public sealed class InsightsContent : ArtefactContent
{
    public const int MaxStatements = 10;

    public List<string?> Statements { get; set; } = [];

    internal override ArtefactKind Kind => ArtefactKind.Insights;

    internal override IEnumerable<string?> Values => Statements;

    internal override IEnumerable<ArtefactField> Fields(ArtefactLabels labels) =>
        Statements.Select((s, i) => new ArtefactField($"Insights.Statements[{i}]", labels.Statement(i), s, MaxText));

    internal override void Normalize() => Statements = Statements.Select(Clean).Where(s => s is not null).ToList();
}

public sealed class PitchContent : ArtefactContent
{
    public string? Problem { get; set; }
    public string? Idea { get; set; }
    public string? FirstStep { get; set; }
    public string? People { get; set; }

    internal override ArtefactKind Kind => ArtefactKind.Pitch;

    internal override IEnumerable<string?> Values => [Problem, Idea, FirstStep, People];

    internal override IEnumerable<ArtefactField> Fields(ArtefactLabels labels) =>
    [
        new("Pitch.Problem", labels.Problem, Problem, MaxText),
        new("Pitch.Idea", labels.Idea, Idea, MaxText),
        new("Pitch.FirstStep", labels.FirstStep, FirstStep, MaxText),
        new("Pitch.People", labels.People, People, MaxText),
    ];

    internal override void Normalize() => (Problem, Idea, FirstStep, People) = (Clean(Problem), Clean(Idea), Clean(FirstStep), Clean(People));
}
