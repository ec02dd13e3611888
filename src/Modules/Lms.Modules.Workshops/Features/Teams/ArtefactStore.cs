using Lms.Modules.Workshops.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>An artefact as saved; <see cref="Revision"/> 0 and no time: never saved.</summary>
internal sealed record SavedArtefact(ArtefactKind Kind, string? ContentJson, int Revision, DateTimeOffset? UpdatedAt, Guid? UpdatedBy)
{
    public static SavedArtefact Never(ArtefactKind kind) => new(kind, null, 0, null, null);

    public T Content<T>() where T : ArtefactContent, new() => ArtefactContent.FromJson<T>(ContentJson);
}

internal enum ArtefactSaveStatus
{
    Saved,
    /// <summary>An empty form for an artefact never saved: nothing to keep.</summary>
    Empty,
    Invalid,
    /// <summary>Someone saved since the form was opened; nothing was written.</summary>
    Conflict,
}

/// <param name="Current">What is saved now: after a conflict, the other person's version.</param>
internal sealed record ArtefactSaveResult(ArtefactSaveStatus Status, IReadOnlyDictionary<string, string> Problems, SavedArtefact Current);

/// <summary>Reads and saves a team's artefacts, one at a time, each guarded by its revision.</summary>
public sealed class ArtefactStore(WorkshopsDbContext db, TimeProvider clock, IStringLocalizer<WorkshopsStrings> T)
{
    internal async Task<IReadOnlyDictionary<Guid, IReadOnlyDictionary<ArtefactKind, SavedArtefact>>> LoadAsync(IReadOnlyCollection<Guid> teamIds, CancellationToken cancellationToken)
    {
        var rows = await db.Artefacts.AsNoTracking().Where(a => teamIds.Contains(a.TeamId)).ToListAsync(cancellationToken);
        return teamIds.Distinct().ToDictionary(id => id, id => (IReadOnlyDictionary<ArtefactKind, SavedArtefact>)Enum.GetValues<ArtefactKind>().ToDictionary(
            kind => kind,
            kind => rows.FirstOrDefault(r => r.TeamId == id && r.Kind == kind) is { } row ? Saved(row) : SavedArtefact.Never(kind)));
    }

    internal async Task<IReadOnlyDictionary<ArtefactKind, SavedArtefact>> LoadAsync(Guid teamId, CancellationToken cancellationToken) =>
        (await LoadAsync([teamId], cancellationToken))[teamId];

    /// <param name="revision">The revision the form was opened at (0: the artefact did not exist yet).</param>
    internal async Task<ArtefactSaveResult> SaveAsync(Guid teamId, ArtefactContent content, int revision, Guid? by, CancellationToken cancellationToken)
    {
        var labels = new ArtefactLabels(T);
        var problems = Check(content, labels);
        var row = await db.Artefacts.FirstOrDefaultAsync(a => a.TeamId == teamId && a.Kind == content.Kind, cancellationToken);
        var current = row is null ? SavedArtefact.Never(content.Kind) : Saved(row);
        if (problems.Count > 0)
        {
            // Not normalised: the messages name rows as the person numbered them.
            return new(ArtefactSaveStatus.Invalid, problems, current);
        }

        content.Normalize();
        if (current.Revision != revision)
        {
            return new(ArtefactSaveStatus.Conflict, problems, current);
        }

        if (row is null && content.IsEmpty)
        {
            return new(ArtefactSaveStatus.Empty, problems, current);
        }

        var now = clock.GetUtcNow();
        if (row is null)
        {
            row = new Artefact { Id = Guid.CreateVersion7(), TeamId = teamId, Kind = content.Kind, ContentJson = content.ToJson(), Revision = 1, UpdatedAt = now, UpdatedBy = by };
            db.Artefacts.Add(row);
        }
        else
        {
            // Clearing a saved artefact is a deliberate edit: it is saved (and revision-checked) like any other.
            row.ContentJson = content.ToJson();
            row.Revision = revision + 1;
            row.UpdatedAt = now;
            row.UpdatedBy = by;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved between our read and our write: the revision token (an update) or the unique
            // team-and-kind index (a first save) refused it. Report theirs; ours stays in the form.
            db.ChangeTracker.Clear();
            var theirs = await db.Artefacts.AsNoTracking().FirstOrDefaultAsync(a => a.TeamId == teamId && a.Kind == content.Kind, cancellationToken);
            return new(ArtefactSaveStatus.Conflict, problems, theirs is null ? SavedArtefact.Never(content.Kind) : Saved(theirs));
        }

        return new(ArtefactSaveStatus.Saved, problems, Saved(row));
    }

    private Dictionary<string, string> Check(ArtefactContent content, ArtefactLabels labels)
    {
        var problems = new Dictionary<string, string>();
        foreach (var field in content.Fields(labels))
        {
            var length = field.Value?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Length ?? 0;
            if (length > field.Max)
            {
                problems[field.Key] = T["{0}: at most {1} characters (now {2}).", field.Label, field.Max.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), length];
            }
        }

        switch (content)
        {
            case JourneyContent journey when journey.Stages.Count(s => !IsBlank(s)) > JourneyContent.MaxStages:
                problems["Journey"] = T["A journey has at most {0} stages.", JourneyContent.MaxStages];
                break;
            case InsightsContent insights when insights.Statements.Count(s => !string.IsNullOrWhiteSpace(s)) > InsightsContent.MaxStatements:
                problems["Insights"] = T["At most {0} insights.", InsightsContent.MaxStatements];
                break;
        }

        return problems;
    }

    private static bool IsBlank(JourneyStage s) =>
        string.IsNullOrWhiteSpace(s.Name) && string.IsNullOrWhiteSpace(s.Actions) && string.IsNullOrWhiteSpace(s.Feelings) && string.IsNullOrWhiteSpace(s.PainPoints);

    private static SavedArtefact Saved(Artefact row) => new(row.Kind, row.ContentJson, row.Revision, row.UpdatedAt, row.UpdatedBy);
}
