using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Security;
using Lms.Modules.Workshops.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>A team as other pages link to it.</summary>
public sealed record TeamSummary(Guid Id, Guid SessionId, int Number, string Name)
{
    /// <summary>The team's artefacts (the members' work page).</summary>
    public string Url => $"/workshops/teams/{Id}";

    public string PrintUrl => $"/workshops/teams/{Id}/print";
}

/// <summary>What a person may do with a team's work.</summary>
internal enum TeamAccess
{
    NotFound,
    Forbidden,
    Member,
    Facilitator,
}

/// <summary>Finds teams and decides who may work on them: the team's members and anyone who runs workshops.</summary>
public sealed class TeamLookup(WorkshopsDbContext db)
{
    /// <summary>The team a person is in at a session, or null (no teams yet, or not in one).</summary>
    internal async Task<TeamSummary?> FindTeamAsync(Guid sessionId, Guid staffId, CancellationToken cancellationToken) =>
        await (from m in db.TeamMembers.AsNoTracking()
               join t in db.Teams.AsNoTracking() on m.TeamId equals t.Id
               where m.SessionId == sessionId && m.StaffId == staffId
               select new TeamSummary(t.Id, t.SessionId, t.Number, t.Name)).FirstOrDefaultAsync(cancellationToken);

    internal async Task<TeamSummary?> GetAsync(Guid teamId, CancellationToken cancellationToken) =>
        await db.Teams.AsNoTracking().Where(t => t.Id == teamId)
            .Select(t => new TeamSummary(t.Id, t.SessionId, t.Number, t.Name)).FirstOrDefaultAsync(cancellationToken);

    internal async Task<(TeamSummary? Team, TeamAccess Access)> AccessAsync(Guid teamId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var team = await GetAsync(teamId, cancellationToken);
        if (team is null)
        {
            return (null, TeamAccess.NotFound);
        }

        if (user.HasClaim(PermissionClaims.Type, Permissions.RunWorkshops.Name))
        {
            return (team, TeamAccess.Facilitator);
        }

        var staffId = user.GetStaffId();
        var member = staffId is { } id && await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.StaffId == id, cancellationToken);
        return (team, member ? TeamAccess.Member : TeamAccess.Forbidden);
    }
}
