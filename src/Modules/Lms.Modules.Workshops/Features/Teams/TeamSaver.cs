using Lms.Modules.Workshops.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Workshops.Features.Teams;

/// <summary>What the facilitator saves: each person's team number (absent: no team) and the teams' names.</summary>
internal sealed record TeamsInput(IReadOnlyDictionary<Guid, int> Assignments, IReadOnlyDictionary<int, string?> Names);

/// <param name="Problems">By field name ("Names[2]"); empty when saved.</param>
internal sealed record SaveTeamsResult(bool Found, IReadOnlyDictionary<string, string> Problems, int Teams = 0, int People = 0, int KeptEmpty = 0)
{
    public bool Saved => Found && Problems.Count == 0;
}

/// <summary>
/// Replaces a session's teams in one transaction. A team number that stays keeps its team (id, artefacts);
/// a team left without members is deleted, unless it has artefacts: then it stays, empty, so the work is
/// never lost by a reshuffle and the facilitator can put people back in it.
/// </summary>
public sealed class TeamSaver(WorkshopsDbContext db, TeamRoster roster, TimeProvider clock, IStringLocalizer<WorkshopsStrings> T)
{
    public const int MaxTeams = 100;
    public const int MaxNameLength = 100;

    /// <summary>The name a team gets when the facilitator gives none (stored, so it reads the same in either language).</summary>
    public static string DefaultName(int number) => $"チーム{number}";

    internal async Task<SaveTeamsResult> SaveAsync(Guid sessionId, TeamsInput input, Guid? by, CancellationToken cancellationToken)
    {
        var current = await roster.LoadAsync(sessionId, cancellationToken);
        if (current is null)
        {
            return new(false, new Dictionary<string, string>());
        }

        var problems = new Dictionary<string, string>();
        foreach (var (number, name) in input.Names)
        {
            if ((name?.Trim().Length ?? 0) > MaxNameLength)
            {
                problems[$"Names[{number}]"] = T["Team {0}: the name is at most {1} characters.", number, MaxNameLength];
            }
        }

        if (current.Session.CancelledAt is not null)
        {
            problems[""] = T["This session has been cancelled."];
        }

        if (problems.Count > 0)
        {
            return new(true, problems);
        }

        // Only people the page offered (the session's pool and current members) can be placed; a forged id is ignored.
        var known = current.People.Select(p => p.StaffId).ToHashSet();
        var wanted = input.Assignments.Where(a => known.Contains(a.Key) && a.Value is >= 1 and <= MaxTeams)
            .GroupBy(a => a.Value).ToDictionary(g => g.Key, g => g.Select(a => a.Key).ToList());
        var now = clock.GetUtcNow();
        var kept = 0;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var teams = await db.Teams.Where(t => t.SessionId == sessionId).ToListAsync(cancellationToken);
        var teamIds = teams.Select(t => t.Id).ToList();
        var withWork = (await db.Artefacts.Where(a => teamIds.Contains(a.TeamId)).Select(a => a.TeamId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        // Members go first, in their own statement, so nobody is in two teams even for a moment (unique per session and person).
        await db.TeamMembers.Where(m => m.SessionId == sessionId).ExecuteDeleteAsync(cancellationToken);

        foreach (var team in teams.Where(t => !wanted.ContainsKey(t.Number)))
        {
            if (withWork.Contains(team.Id))
            {
                team.Name = NameFor(team.Number, input, team.Name);
                kept++;
            }
            else
            {
                db.Teams.Remove(team);
            }
        }

        foreach (var (number, members) in wanted)
        {
            var team = teams.FirstOrDefault(t => t.Number == number);
            if (team is null)
            {
                team = new Team { Id = Guid.CreateVersion7(), SessionId = sessionId, Number = number, Name = NameFor(number, input, null), CreatedAt = now };
                db.Teams.Add(team);
            }
            else
            {
                team.Name = NameFor(number, input, team.Name);
            }

            db.TeamMembers.AddRange(members.Select(id => new TeamMember { TeamId = team.Id, SessionId = sessionId, StaffId = id }));
        }

        var placed = wanted.Sum(w => w.Value.Count);
        db.Audit.Add(new WorkshopAuditEntry
        {
            Id = Guid.CreateVersion7(), At = now, ActorStaffId = by, Action = Attendance.AuditActions.TeamsSaved, SessionId = sessionId,
            // Numbers only ("teams;people;kept"): the audit page words them in the reader's language.
            Detail = string.Join(';', wanted.Count, placed, kept),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return new(true, problems, wanted.Count, placed, kept);
    }

    /// <summary>A name cleared on the page goes back to the default; a team the page did not show keeps its own.</summary>
    private static string NameFor(int number, TeamsInput input, string? current) =>
        input.Names.TryGetValue(number, out var name) ? (string.IsNullOrWhiteSpace(name) ? DefaultName(number) : name.Trim())
        : current ?? DefaultName(number);
}
