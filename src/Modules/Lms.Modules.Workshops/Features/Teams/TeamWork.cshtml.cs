using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>One text box of the team's forms, with the page for its error message.</summary>
internal sealed record ArtefactFieldView(TeamWorkModel Page, ArtefactField Field, int Rows);

/// <summary>
/// A team's four templates (<c>/workshops/teams/{teamId}</c>), each its own form saved on its own, so two
/// members can work on the persona and the journey at once. The team's members and facilitators only.
/// </summary>
[Authorize(Policy = "AttendWorkshops")]
public sealed class TeamWorkModel(TeamLookup lookup, TeamSheets sheets, ArtefactStore store, IStringLocalizer<WorkshopsStrings> T) : PageModel
{
    internal TeamSheet Sheet { get; private set; } = null!;
    internal bool IsFacilitator { get; private set; }
    internal ArtefactLabels Labels => new(T);
    internal PersonaContent Persona { get; private set; } = new();
    internal JourneyContent Journey { get; private set; } = new();
    internal InsightsContent Insights { get; private set; } = new();
    internal PitchContent Pitch { get; private set; } = new();
    /// <summary>The revision each form posts back; after a conflict, the other person's.</summary>
    internal Dictionary<ArtefactKind, int> Revisions { get; } = [];

    /// <summary>The artefact just posted and not saved (its problems or conflict are shown with it).</summary>
    internal ArtefactKind? Posted { get; private set; }
    internal IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();
    /// <summary>After a conflict: what the other person saved, shown beside the form.</summary>
    internal SavedArtefact? Theirs { get; private set; }

    [TempData] public string? Message { get; set; }

    public string PageUrl => $"/workshops/teams/{Sheet.Team.Id}";

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken cancellationToken) =>
        await OpenAsync(teamId, cancellationToken) ?? Page();

    public Task<IActionResult> OnPostPersonaAsync(Guid teamId, PersonaContent persona, int revision, CancellationToken cancellationToken) =>
        SaveAsync(teamId, persona, revision, cancellationToken);

    public Task<IActionResult> OnPostJourneyAsync(Guid teamId, JourneyContent journey, int revision, CancellationToken cancellationToken) =>
        SaveAsync(teamId, journey, revision, cancellationToken);

    public Task<IActionResult> OnPostInsightsAsync(Guid teamId, InsightsContent insights, int revision, CancellationToken cancellationToken) =>
        SaveAsync(teamId, insights, revision, cancellationToken);

    public Task<IActionResult> OnPostPitchAsync(Guid teamId, PitchContent pitch, int revision, CancellationToken cancellationToken) =>
        SaveAsync(teamId, pitch, revision, cancellationToken);

    internal static string Anchor(ArtefactKind kind) => kind.ToString().ToLowerInvariant();

    private async Task<IActionResult> SaveAsync(Guid teamId, ArtefactContent content, int revision, CancellationToken cancellationToken)
    {
        if (await OpenAsync(teamId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = await store.SaveAsync(teamId, content, revision, User.GetStaffId(), cancellationToken);
        switch (result.Status)
        {
            case ArtefactSaveStatus.Saved:
                Message = T["{0} saved.", Labels.Title(content.Kind)];
                return Redirect($"{PageUrl}#{Anchor(content.Kind)}");
            case ArtefactSaveStatus.Empty:
                Message = T["{0}: nothing to save, the form is empty.", Labels.Title(content.Kind)];
                return Redirect($"{PageUrl}#{Anchor(content.Kind)}");
        }

        // The person's text goes back into the form as they sent it: nothing they typed is lost.
        Posted = content.Kind;
        Problems = result.Problems;
        Show(content);
        if (result.Status == ArtefactSaveStatus.Conflict)
        {
            Theirs = result.Current;
            // Saving again is then a choice made with both versions in view.
            Revisions[content.Kind] = result.Current.Revision;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            // Still the revision the person started from: a save in the meantime must not slip past unseen.
            Revisions[content.Kind] = revision;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <returns>A refusal (404, 403), or null with the page's data loaded.</returns>
    private async Task<IActionResult?> OpenAsync(Guid teamId, CancellationToken cancellationToken)
    {
        var (_, access) = await lookup.AccessAsync(teamId, User, cancellationToken);
        if (access == TeamAccess.NotFound)
        {
            return NotFound();
        }

        if (access == TeamAccess.Forbidden)
        {
            return Forbid();
        }

        IsFacilitator = access == TeamAccess.Facilitator;
        Sheet = (await sheets.ForTeamAsync(teamId, cancellationToken))!;
        foreach (var (kind, saved) in Sheet.Artefacts)
        {
            Revisions[kind] = saved.Revision;
        }

        Persona = Sheet.Artefacts[ArtefactKind.Persona].Content<PersonaContent>();
        Journey = Sheet.Artefacts[ArtefactKind.Journey].Content<JourneyContent>();
        Insights = Sheet.Artefacts[ArtefactKind.Insights].Content<InsightsContent>();
        Pitch = Sheet.Artefacts[ArtefactKind.Pitch].Content<PitchContent>();
        return null;
    }

    private void Show(ArtefactContent content)
    {
        switch (content)
        {
            case PersonaContent persona: Persona = persona; break;
            case JourneyContent journey: Journey = journey; break;
            case InsightsContent insights: Insights = insights; break;
            case PitchContent pitch: Pitch = pitch; break;
        }
    }

    internal string? ProblemFor(string key) => Problems.GetValueOrDefault(key);
}
