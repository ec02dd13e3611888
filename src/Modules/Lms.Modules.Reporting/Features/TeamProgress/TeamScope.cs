using System.Security.Claims;
using Lms.Contracts.Organization;
using MediatR;
using Microsoft.AspNetCore.Authorization;

namespace Lms.Modules.Reporting.Features.TeamProgress;

/// <summary>Whose progress a viewer may see: units to choose from, the chosen one, and the units below it.</summary>
/// <param name="Units">The units the viewer may choose (a manager's units and everything below them; every unit for admins).</param>
/// <param name="Selected">The chosen unit; null for "all of my units" (for admins: the whole organisation).</param>
/// <param name="UnitIds">The units whose people are shown; null for the whole organisation (admins only).</param>
/// <param name="ViewerStaffId">Left out of the rows: a manager does not report on themself.</param>
internal sealed record TeamScopeResult(IReadOnlyList<OrgUnitSummary> Units, OrgUnitSummary? Selected, IReadOnlyCollection<Guid>? UnitIds, Guid? ViewerStaffId, bool Organisation)
{
    /// <summary>The top units of what is shown: the chosen unit, or those of <see cref="Units"/> not below another of them.</summary>
    public IReadOnlyList<OrgUnitSummary> Roots { get; } = Selected is { } chosen ? [chosen]
        : [.. Units.Where(u => !Units.Any(o => o.Id != u.Id && u.Path.StartsWith(o.Path + "/", StringComparison.Ordinal)))];
}

internal enum ScopeOutcome
{
    Allowed,

    /// <summary>A unit outside the viewer's scope was asked for (403, whatever the id: guessing tells nothing).</summary>
    Forbidden,

    /// <summary>The viewer manages no unit.</summary>
    NoTeam,
}

/// <summary>
/// The scope rule of every team view, page, export and API alike: a manager sees the units they manage and all units
/// below (asked of Organization on every request, so a change of who manages what applies at once); those with
/// <see cref="Permissions.ViewOrganisationReports"/> see any unit.
/// </summary>
internal sealed class TeamScope(IMediator mediator, IAuthorizationService authorization)
{
    public async Task<(ScopeOutcome Outcome, TeamScopeResult? Scope)> ResolveAsync(ClaimsPrincipal user, Guid? unitId, CancellationToken cancellationToken)
    {
        var viewer = user.GetStaffId();
        var organisation = (await authorization.AuthorizeAsync(user, Permissions.ViewOrganisationReports.Name)).Succeeded;
        // A manager's managed units already hold everything below them: the whole chart is read only for those who see it all.
        IReadOnlyList<OrgUnitSummary> units = organisation ? (await mediator.Send(new GetOrgUnits(), cancellationToken)).OrderBy(u => u.Path, StringComparer.Ordinal).ToList()
            : viewer is { } me ? await mediator.Send(new GetManagedUnits(me), cancellationToken)
            : [];
        if (units.Count == 0)
        {
            return unitId is null ? (ScopeOutcome.NoTeam, null) : (ScopeOutcome.Forbidden, null);
        }

        if (unitId is null)
        {
            return (ScopeOutcome.Allowed, new TeamScopeResult(units, null, organisation ? null : units.Select(u => u.Id).ToList(), viewer, organisation));
        }

        var selected = units.FirstOrDefault(u => u.Id == unitId);
        if (selected is null)
        {
            return (ScopeOutcome.Forbidden, null);
        }

        var below = units.Where(u => u.Id == selected.Id || u.Path.StartsWith(selected.Path + "/", StringComparison.Ordinal)).Select(u => u.Id).ToList();
        return (ScopeOutcome.Allowed, new TeamScopeResult(units, selected, below, viewer, organisation));
    }
}
