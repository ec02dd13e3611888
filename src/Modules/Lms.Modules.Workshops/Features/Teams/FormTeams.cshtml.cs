using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>
/// The facilitator forms a session's teams (<c>/facilitate/sessions/{id}/teams</c>): the suggestion (a GET:
/// it changes nothing) fills every person's team select, the facilitator adjusts, and one save replaces the teams.
/// </summary>
[Authorize(Policy = "RunWorkshops")]
public sealed class FormTeamsModel(TeamRoster roster, TeamSaver saver, IStringLocalizer<WorkshopsStrings> T) : PageModel
{
    internal SessionTeams Data { get; private set; } = null!;
    /// <summary>Team number by staff id as the page shows it (saved, suggested or posted); absent: no team.</summary>
    internal IReadOnlyDictionary<Guid, int> Placement { get; private set; } = new Dictionary<Guid, int>();
    internal IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();
    internal IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();
    /// <summary>The teams shown: saved and proposed numbers, and one empty team to move people into.</summary>
    internal IReadOnlyList<int> Numbers { get; private set; } = [];
    internal bool IsProposal { get; private set; }

    [TempData] public string? Saved { get; set; }

    /// <summary>Set by the suggestion form: "auto", "size:N" or "count:N".</summary>
    [BindProperty(SupportsGet = true)] public string? Split { get; set; }

    public string SessionUrl => $"/facilitate/sessions/{Data.Session.Id}";

    public string PageUrl => $"{SessionUrl}/teams";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await roster.LoadAsync(id, cancellationToken) is not { } data)
        {
            return NotFound();
        }

        Data = data;
        if (Split is not null)
        {
            IsProposal = true;
            Placement = TeamRoster.Suggest(data, TeamSplit.Parse(Split));
        }
        else
        {
            Placement = data.Teams.SelectMany(t => t.Members.Select(m => (m, t.Number))).ToDictionary(x => x.m, x => x.Number);
        }

        Show(data.Teams.ToDictionary(t => t.Number, t => t.Name));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm] Dictionary<Guid, int>? assign, [FromForm] Dictionary<int, string?>? names, CancellationToken cancellationToken)
    {
        assign ??= [];
        names ??= [];
        var result = await saver.SaveAsync(id, new TeamsInput(assign, names), User.GetStaffId(), cancellationToken);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Saved)
        {
            Saved = T["Teams saved: {0} teams, {1} people.", result.Teams, result.People]
                + (result.KeptEmpty > 0 ? " " + T["{0} teams without members were kept because they have work.", result.KeptEmpty] : "");
            return Redirect($"/facilitate/sessions/{id}/teams");
        }

        // Shown again as posted, so nothing the facilitator arranged is lost.
        Data = (await roster.LoadAsync(id, cancellationToken))!;
        Problems = result.Problems;
        Placement = assign.Where(a => a.Value > 0).ToDictionary(a => a.Key, a => a.Value);
        Show(names.ToDictionary(n => n.Key, n => n.Value ?? ""));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    internal IEnumerable<TeamPerson> MembersOf(int number) => Data.People.Where(p => Placement.GetValueOrDefault(p.StaffId) == number);

    internal CurrentTeam? SavedTeam(int number) => Data.Teams.FirstOrDefault(t => t.Number == number);

    internal string NameOf(int number) => Names.TryGetValue(number, out var name) && name.Length > 0 ? name : TeamSaver.DefaultName(number);

    internal string TierLabel(StaffTier tier) => tier switch
    {
        StaffTier.Executive => T["Executive"],
        StaffTier.Manager => T["Manager"],
        _ => T["General staff"],
    };

    /// <summary>What a team is made of, for the facilitator's glance: departments and tiers.</summary>
    internal string MixOf(int number)
    {
        var members = MembersOf(number).ToList();
        var tiers = members.GroupBy(m => m.Tier).OrderByDescending(g => g.Key).Select(g => $"{TierLabel(g.Key)} {g.Count()}");
        return T["{0} people from {1} departments", members.Count, members.Select(m => m.DepartmentId).Distinct().Count()]
            + (members.Count > 0 ? " · " + string.Join(" / ", tiers) : "");
    }

    private void Show(IReadOnlyDictionary<int, string> names)
    {
        Names = names;
        var used = Data.Teams.Select(t => t.Number).Concat(Placement.Values).Where(n => n is >= 1 and <= TeamSaver.MaxTeams).Distinct().Order().ToList();
        var spare = used.Count == 0 ? 1 : used.Max() + 1;
        Numbers = spare <= TeamSaver.MaxTeams ? [.. used, spare] : used;
    }
}
