using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;
using Lms.Modules.Workshops.Features.Teams;

namespace Lms.Modules.Workshops.Recipes;

/// <summary>Writes one past session of the demo history: registrations, attendance, teams, artefacts and sign-offs.</summary>
internal sealed class DemoHistory(WorkshopsDbContext db, Random random, Guid? facilitator, Func<string> nextCode)
{
    private int artefactSets;

    public void PastSession(WorkshopInfo workshop, List<WorkshopCompletion> attendees, List<Guid> absentees, string room, DateTimeOffset starts,
        IReadOnlyDictionary<Guid, StaffProfile> profiles)
    {
        var ends = starts.AddMinutes(Minutes(workshop));
        var session = DemoWorkshopsStep.NewSession(workshop, starts, ends, room, null, Math.Max(24, attendees.Count + absentees.Count),
            starts.AddDays(-2), facilitator, starts.AddDays(-14), nextCode());
        db.Sessions.Add(session);
        foreach (var person in attendees.Select(a => a.StaffId).Concat(absentees))
        {
            var present = absentees.All(a => a != person);
            db.Registrations.Add(new Registration
            {
                Id = Guid.CreateVersion7(), SessionId = session.Id, StaffId = person, Status = RegistrationStatus.Registered,
                RequestedAt = starts.AddDays(-random.Next(3, 12)), SeatedAt = starts.AddDays(-3),
                Attendance = present ? AttendanceStatus.Present : AttendanceStatus.Absent,
                AttendanceAt = starts.AddMinutes(random.Next(-10, 5)), AttendanceBy = facilitator,
                CheckedInAt = present && random.Next(3) > 0 ? starts.AddMinutes(random.Next(-10, 5)) : null,
            });
        }

        var teams = FormTeams(session, attendees.Select(a => a.StaffId).ToList(), profiles);
        foreach (var (team, index) in teams.Select((t, i) => (t, i)))
        {
            if (index < 2 && DemoArtefacts.For(workshop, artefactSets++) is { Count: > 0 } artefacts)
            {
                foreach (var (kind, content) in artefacts)
                {
                    var json = content.ToJson();
                    db.Artefacts.Add(new Artefact
                    {
                        Id = Guid.CreateVersion7(), TeamId = team.Id, Kind = kind, ContentJson = json, Revision = 1,
                        UpdatedAt = ends.AddMinutes(-5), UpdatedBy = team.Members[random.Next(team.Members.Count)].StaffId,
                    });
                }
            }
        }

        foreach (var attendee in attendees)
        {
            var team = teams.FirstOrDefault(t => t.Members.Any(m => m.StaffId == attendee.StaffId));
            db.SignOffs.Add(new SignOff
            {
                Id = Guid.CreateVersion7(), SessionId = session.Id, ActivityId = workshop.ActivityId, StaffId = attendee.StaffId, TeamId = team?.Id,
                SignedOffAt = attendee.CompletedAt, SignedOffBy = facilitator,
            });
            db.Audit.Add(new WorkshopAuditEntry
            {
                Id = Guid.CreateVersion7(), At = attendee.CompletedAt, ActorStaffId = facilitator, Action = "signoff", SessionId = session.Id, StaffId = attendee.StaffId,
            });
        }
    }

    public static int Minutes(WorkshopInfo workshop) => Math.Clamp(workshop.DurationMinutes ?? 90, 60, 240);

    /// <summary>Teams as the facilitator's one-click suggestion forms them (departments, tiers and ages spread).</summary>
    private List<Team> FormTeams(WorkshopSession session, List<Guid> people, IReadOnlyDictionary<Guid, StaffProfile> profiles)
    {
        var candidates = people.Select(p => profiles.TryGetValue(p, out var profile)
            ? new TeamCandidate(p, profile.DepartmentId, profile.Tier, profile.BirthYear)
            : new TeamCandidate(p, Guid.Empty, StaffTier.General, null)).ToList();
        var teams = TeamSuggestion.Suggest(candidates, TeamSplit.Auto).Select((members, i) =>
        {
            var team = new Team { Id = Guid.CreateVersion7(), SessionId = session.Id, Number = i + 1, Name = $"チーム{i + 1}", CreatedAt = session.StartsAt.AddMinutes(15) };
            team.Members.AddRange(members.Select(m => new TeamMember { TeamId = team.Id, SessionId = session.Id, StaffId = m }));
            return team;
        }).ToList();
        db.Teams.AddRange(teams);
        return teams;
    }
}
