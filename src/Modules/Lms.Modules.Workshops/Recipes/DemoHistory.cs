using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Modules.Workshops.Data;
using Lms.Modules.Workshops.Features.Shared;

namespace Lms.Modules.Workshops.Recipes;

/// <summary>Writes one past session of the demo history: registrations, attendance, teams, artefacts and sign-offs.</summary>
internal sealed class DemoHistory(WorkshopsDbContext db, Random random, Guid? facilitator)
{
    private int artefactSets;

    public void PastSession(WorkshopInfo workshop, List<WorkshopCompletion> attendees, List<Guid> absentees, string room, DateTimeOffset starts,
        IReadOnlyDictionary<Guid, StaffProfile> profiles)
    {
        var ends = starts.AddMinutes(Minutes(workshop));
        var session = DemoWorkshopsStep.NewSession(workshop, starts, ends, room, null, Math.Max(24, attendees.Count + absentees.Count),
            starts.AddDays(-2), facilitator, starts.AddDays(-14));
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
                    var json = DemoArtefactJson.Serialize(kind, content);
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

    /// <summary>Teams of about five, dealt round-robin in department order so each team mixes departments and tiers.</summary>
    private List<Team> FormTeams(WorkshopSession session, List<Guid> people, IReadOnlyDictionary<Guid, StaffProfile> profiles)
    {
        var count = Math.Max(1, (int)Math.Round(people.Count / (double)5));
        var teams = Enumerable.Range(1, count).Select(n => new Team
        {
            Id = Guid.CreateVersion7(), SessionId = session.Id, Number = n, Name = $"チーム{n}", CreatedAt = session.StartsAt.AddMinutes(15),
        }).ToList();
        var ordered = people.OrderBy(p => profiles.TryGetValue(p, out var profile) ? profile.DepartmentName : "", StringComparer.Ordinal)
            .ThenBy(p => profiles.TryGetValue(p, out var profile) ? profile.Tier : StaffTier.General).ThenBy(_ => random.Next()).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var team = teams[i % count];
            team.Members.Add(new TeamMember { TeamId = team.Id, SessionId = session.Id, StaffId = ordered[i] });
        }

        db.Teams.AddRange(teams);
        return teams;
    }
}
