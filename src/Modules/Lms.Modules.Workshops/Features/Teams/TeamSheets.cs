using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>A team with everything its work page and its printout show.</summary>
internal sealed record TeamSheet(
    TeamSummary Team,
    WorkshopSession Session,
    WorkshopInfo? Workshop,
    IReadOnlyList<StaffCard> Members,
    IReadOnlyDictionary<ArtefactKind, SavedArtefact> Artefacts,
    IReadOnlyDictionary<Guid, StaffCard> People)
{
    /// <summary>Who saved an artefact last, by name ("" when unknown).</summary>
    public string EditorOf(SavedArtefact artefact) => artefact.UpdatedBy is { } id && People.TryGetValue(id, out var card) ? card.Name : "";
}

/// <summary>A session's teams for the facilitator's printout (the session itself even when it has no teams yet).</summary>
internal sealed record SessionSheets(WorkshopSession Session, WorkshopInfo? Workshop, IReadOnlyList<TeamSheet> Teams);

/// <summary>Reads teams with their session, members and artefacts in a few queries, one team or a whole session.</summary>
public sealed class TeamSheets(WorkshopsDbContext db, ArtefactStore store, WorkshopPeople people, WorkshopCatalog catalog)
{
    internal async Task<TeamSheet?> ForTeamAsync(Guid teamId, CancellationToken cancellationToken)
    {
        var sessionId = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => (Guid?)t.SessionId).FirstOrDefaultAsync(cancellationToken);
        return sessionId is { } id && await LoadAsync(id, teamId, cancellationToken) is [var sheet, ..] ? sheet : null;
    }

    /// <returns>Null when there is no such session; its teams in number order otherwise.</returns>
    internal async Task<SessionSheets?> ForSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        return session is null ? null
            : new SessionSheets(session, await catalog.FindAsync(session.ActivityId, cancellationToken), await LoadAsync(sessionId, null, cancellationToken));
    }

    private async Task<IReadOnlyList<TeamSheet>> LoadAsync(Guid sessionId, Guid? teamId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId, cancellationToken);
        var teams = await db.Teams.AsNoTracking().Include(t => t.Members)
            .Where(t => t.SessionId == sessionId && (teamId == null || t.Id == teamId)).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        var artefacts = await store.LoadAsync(teams.Select(t => t.Id).ToList(), cancellationToken);
        var cards = await people.CardsAsync(
            teams.SelectMany(t => t.Members.Select(m => m.StaffId))
                .Concat(artefacts.Values.SelectMany(a => a.Values).Select(a => a.UpdatedBy).OfType<Guid>()),
            cancellationToken);
        var workshop = await catalog.FindAsync(session.ActivityId, cancellationToken);
        return teams.Select(t => new TeamSheet(
            new TeamSummary(t.Id, t.SessionId, t.Number, t.Name), session, workshop,
            t.Members.Select(m => cards.TryGetValue(m.StaffId, out var card) ? card : new StaffCard(m.StaffId, "?", "", "", false))
                .OrderBy(c => c.UnitPath, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(),
            artefacts[t.Id], cards)).ToList();
    }
}
