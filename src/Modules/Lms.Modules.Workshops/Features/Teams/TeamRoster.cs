using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>Someone who can be put in a team. <see cref="InPool"/>: the suggestion includes them.</summary>
internal sealed record TeamPerson(Guid StaffId, string Name, string UnitPath, string DepartmentName, Guid DepartmentId, StaffTier Tier, int? BirthYear,
    AttendanceStatus Attendance, bool InPool)
{
    public TeamCandidate Candidate => new(StaffId, DepartmentId, Tier, BirthYear);
}

internal sealed record CurrentTeam(Guid Id, int Number, string Name, IReadOnlyList<Guid> Members, bool HasWork);

/// <summary>A session's people and teams as the facilitator's teams page needs them.</summary>
internal sealed record SessionTeams(WorkshopSession Session, WorkshopInfo? Workshop, bool AttendanceTaken, IReadOnlyList<TeamPerson> People, IReadOnlyList<CurrentTeam> Teams);

/// <summary>Reads who is at a session and in which team; the page's suggestion runs on <see cref="SessionTeams.People"/>.</summary>
public sealed class TeamRoster(WorkshopsDbContext db, IMediator mediator, WorkshopCatalog catalog)
{
    internal async Task<SessionTeams?> LoadAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var registrations = await db.Registrations.AsNoTracking().Where(r => r.SessionId == sessionId).ToListAsync(cancellationToken);
        // Once the facilitator has ticked anyone present, teams are for those in the room; before that, for
        // everyone with a seat (forming teams ahead of the day), less those already known to be absent.
        var attendanceTaken = registrations.Any(r => r.Attendance == AttendanceStatus.Present);
        var pool = registrations
            .Where(r => attendanceTaken ? r.Attendance == AttendanceStatus.Present : r.Status == RegistrationStatus.Registered && r.Attendance != AttendanceStatus.Absent)
            .Select(r => r.StaffId).ToHashSet();
        var attendance = registrations.ToDictionary(r => r.StaffId, r => r.Attendance);

        var teams = await db.Teams.AsNoTracking().Include(t => t.Members).Where(t => t.SessionId == sessionId).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        var teamIds = teams.Select(t => t.Id).ToList();
        var withWork = (await db.Artefacts.AsNoTracking().Where(a => teamIds.Contains(a.TeamId)).Select(a => a.TeamId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        // People already in a team stay listed even if they are no longer in the pool (marked absent,
        // cancelled): the facilitator decides, nobody silently drops out of a team.
        var ids = pool.Concat(teams.SelectMany(t => t.Members.Select(m => m.StaffId))).Distinct().ToList();
        var people = (await mediator.Send(new GetStaffProfiles(ids), cancellationToken))
            .Select(p => new TeamPerson(p.StaffId, p.Name, p.UnitPath, p.DepartmentName, p.DepartmentId, p.Tier, p.BirthYear,
                attendance.GetValueOrDefault(p.StaffId), pool.Contains(p.StaffId)))
            .OrderBy(p => p.UnitPath, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.StaffId)
            .ToList();
        return new SessionTeams(session, await catalog.FindAsync(session.ActivityId, cancellationToken), attendanceTaken, people,
            teams.Select(t => new CurrentTeam(t.Id, t.Number, t.Name, t.Members.Select(m => m.StaffId).ToList(), withWork.Contains(t.Id))).ToList());
    }

    /// <summary>The suggestion for the people in the pool, as team numbers (1, 2, ...) by staff id.</summary>
    internal static IReadOnlyDictionary<Guid, int> Suggest(SessionTeams teams, TeamSplit split) =>
        TeamSuggestion.Suggest(teams.People.Where(p => p.InPool).Select(p => p.Candidate).ToList(), split)
            .SelectMany((members, index) => members.Select(id => (id, number: index + 1)))
            .ToDictionary(x => x.id, x => x.number);
}
