using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Domain;

namespace Lms.Modules.Gamification.Features.Social;

/// <summary>Who is looking, and what they chose: the game's displays, and whether they joined the individual comparison.</summary>
public sealed record Viewer(Guid? StaffId, bool DisplaysEnabled, bool JoinedRankings);

/// <summary>Departments ranked by Step-0 completion, and the sections of the viewer's department. No person appears.</summary>
public sealed record LeaderboardView(
    IReadOnlyList<RankedUnit> Departments,
    int HiddenDepartments,
    string? MyDepartmentName,
    IReadOnlyList<RankedUnit> Sections,
    int HiddenSections,
    DateTimeOffset ComputedAt);

/// <summary>
/// What the team pages, the home panel and the API show, always from the signed-in person's point of view:
/// nothing here takes another person or unit as an argument. Public (with an internal constructor) so public
/// page models and view components can take it.
/// </summary>
public sealed class SocialBoards
{
    private readonly GamePreferences preferences;
    private readonly CompletionRates rates;
    private readonly RankBoard ranks;
    private readonly ChallengeBoard challenges;

    internal SocialBoards(GamePreferences preferences, CompletionRates rates, RankBoard ranks, ChallengeBoard challenges)
    {
        this.preferences = preferences;
        this.rates = rates;
        this.ranks = ranks;
        this.challenges = challenges;
    }

    /// <summary>One query (the person's preferences); the defaults for an account that is not a member of staff.</summary>
    public async Task<Viewer> ViewerAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.GetStaffId() is not { } staffId)
        {
            return new Viewer(null, true, false);
        }

        var preference = await preferences.GetAsync(staffId, cancellationToken);
        return new Viewer(staffId, preference.DisplaysEnabled, preference.DisplaysEnabled && preference.JoinRankings);
    }

    public async Task<LeaderboardView> LeaderboardAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var snapshot = await rates.GetAsync(cancellationToken);
        var seat = viewer.StaffId is { } id ? snapshot.Seats.GetValueOrDefault(id) : null;
        var departments = snapshot.Departments.Select(d => snapshot.Current[d.Id]).ToList();
        var sections = seat is null
            ? []
            : snapshot.ChildrenOf(seat.DepartmentId).Select(u => snapshot.Current[u.Id]).Where(s => s.People > 0).ToList();
        return new LeaderboardView(
            RankedUnit.RankAll(departments, seat?.DepartmentId),
            departments.Count(d => d.Suppressed),
            seat is null ? null : snapshot.Units[seat.DepartmentId].Name,
            RankedUnit.RankAll(sections, seat?.SectionId),
            sections.Count(s => s.Suppressed),
            snapshot.ComputedAt);
    }

    /// <summary>The viewer's own neighbourhood; null unless they joined (and have the displays on).</summary>
    public async Task<RankView?> RankAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer is { JoinedRankings: true, DisplaysEnabled: true, StaffId: { } id } ? await ranks.ForAsync(id, cancellationToken) : null;
    }

    /// <summary>The home panel's challenge: at most one query (see <see cref="ChallengeBoard.NextLiveAsync"/>).</summary>
    public async Task<ChallengeView?> HomeChallengeAsync(ClaimsPrincipal user, bool english, CancellationToken cancellationToken = default) =>
        user.GetStaffId() is { } staffId ? await challenges.NextLiveAsync(staffId, english, cancellationToken) : null;

    /// <summary>The challenges of the viewer's department; empty when the displays are off.</summary>
    public async Task<IReadOnlyList<ChallengeView>> ChallengesAsync(Viewer viewer, bool withEnded, bool english, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer is { DisplaysEnabled: true, StaffId: { } id } ? await challenges.ForAsync(id, withEnded, english, cancellationToken) : [];
    }
}
