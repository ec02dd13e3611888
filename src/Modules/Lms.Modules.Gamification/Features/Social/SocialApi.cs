using System.Security.Claims;
using Lms.Framework.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Social;

/// <summary>
/// The social side for apps: the caller's department challenges, the team leaderboard and the caller's own rank.
/// None takes a person or a unit: whatever the role, one only ever sees one's own department and neighbourhood.
/// </summary>
internal static class SocialApi
{
    /// <param name="Percent">Rounded down; null (with <paramref name="Suppressed"/>) for a group smaller than five, as are the counts.</param>
    public sealed record UnitRate(Guid UnitId, string Name, int? Rank, int? Percent, int? People, int? Completed, bool Suppressed, bool IsMine, bool? Reached);

    public sealed record LeaderboardResponse(bool DisplaysEnabled, string? Message, int MinimumGroupSize, DateTimeOffset? ComputedAt,
        IReadOnlyList<UnitRate> Departments, int HiddenDepartments, string? MyDepartment, IReadOnlyList<UnitRate> Sections, int HiddenSections);

    public sealed record ChallengeResponse(Guid Id, string Title, int TargetPercent, DateOnly StartsOn, DateOnly EndsOn, int DaysLeft, bool Ended, bool ForEveryDepartment,
        UnitRate Department, IReadOnlyList<UnitRate> Sections, int SectionsShown, int SectionsReached, int SectionsHidden, int FinishedDuring,
        int? DepartmentsShown, int? DepartmentsReached);

    public sealed record ChallengesResponse(bool DisplaysEnabled, IReadOnlyList<ChallengeResponse> Challenges);

    public sealed record NeighbourResponse(int Rank, int Points, string? Name, bool Anonymous, bool IsMe);

    public sealed record RankResponse(bool Joined, string? Message, int? Rank, int? Of, IReadOnlyList<NeighbourResponse> Neighbours);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Gamification");

        api.MapGet("/me/challenges", async (ClaimsPrincipal user, SocialBoards boards, CancellationToken ct) =>
            {
                var viewer = await boards.ViewerAsync(user, ct);
                var challenges = await boards.ChallengesAsync(viewer, withEnded: true, english: !LmsCultures.IsJapanese, ct);
                return Results.Ok(new ChallengesResponse(viewer.DisplaysEnabled, challenges.Select(Challenge).ToList()));
            })
            .RequireAuthorization(Permissions.EarnBadges.Name)
            .WithName("GetMyChallenges")
            .WithSummary("The department challenges that apply to the caller's department (live, and those ended in the last 60 days): the department's and each section's Step-0 completion rate; groups under five people are suppressed (null rate, \"suppressed\": true). Empty when the caller switched the game's displays off.")
            .Produces<ChallengesResponse>();

        api.MapGet("/teams/leaderboard", async (ClaimsPrincipal user, SocialBoards boards, IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                var viewer = await boards.ViewerAsync(user, ct);
                if (!viewer.DisplaysEnabled)
                {
                    return Results.Ok(new LeaderboardResponse(false, T["You have switched the game's displays off."], UnitStanding.MinimumGroup, null, [], 0, null, [], 0));
                }

                var board = await boards.LeaderboardAsync(viewer, ct);
                return Results.Ok(new LeaderboardResponse(true, null, UnitStanding.MinimumGroup, board.ComputedAt,
                    board.Departments.Select(Ranked).ToList(), board.HiddenDepartments, board.MyDepartmentName, board.Sections.Select(Ranked).ToList(), board.HiddenSections));
            })
            .RequireAuthorization(Permissions.EarnBadges.Name)
            .WithName("GetTeamLeaderboard")
            .WithSummary("Departments ranked by Step-0 completion rate, and the sections of the caller's department. Units, never people; units under five counted people are left out (their number is given).")
            .Produces<LeaderboardResponse>();

        api.MapGet("/me/rank", async (ClaimsPrincipal user, SocialBoards boards, IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                var viewer = await boards.ViewerAsync(user, ct);
                if (!viewer.JoinedRankings)
                {
                    return Results.Ok(new RankResponse(false, T["Comparing yourself with colleagues is optional. You can join in your game settings."], null, null, []));
                }

                var rank = await boards.RankAsync(viewer, ct);
                return Results.Ok(rank is null
                    ? new RankResponse(true, null, null, 0, [])
                    : new RankResponse(true, null, rank.Rank, rank.Of, rank.Around.Select(n => new NeighbourResponse(n.Rank, n.Points, n.Name, !n.IsMe && n.Name is null, n.IsMe)).ToList()));
            })
            .RequireAuthorization(Permissions.EarnBadges.Name)
            .WithName("GetMyRank")
            .WithSummary("The caller's own rank by points among the colleagues of their department who also joined the comparison, with up to two neighbours on each side (named only if they chose so). \"joined\": false when the caller has not joined.")
            .Produces<RankResponse>();
    }

    private static UnitRate Rate(UnitStanding s, int? rank, bool mine, int? target) =>
        new(s.UnitId, s.Name, rank, s.Percent, s.Suppressed ? null : s.People, s.Suppressed ? null : s.Completed, s.Suppressed, mine, s.Suppressed || target is null ? null : s.Reached(target.Value));

    private static UnitRate Ranked(RankedUnit r) => Rate(r.Unit, r.Rank, r.IsMine, null);

    private static ChallengeResponse Challenge(ChallengeView c) =>
        new(c.Id, c.Title, c.TargetPercent, c.StartsOn, c.EndsOn, c.DaysLeft, c.Ended, c.ForEveryDepartment,
            Rate(c.Department, null, true, c.TargetPercent), c.Sections.Select(s => Rate(s, null, s.UnitId == c.MySectionId, c.TargetPercent)).ToList(),
            c.SectionsShown, c.SectionsReached, c.SectionsHidden, c.FinishedDuring,
            c.ForEveryDepartment ? c.DepartmentsShown : null, c.ForEveryDepartment ? c.DepartmentsReached : null);
}
