using System.Security.Claims;
using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Framework.Web;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Progress;
using Lms.Modules.Gamification.Features.Wallet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Api;

/// <summary>
/// The caller's own badges and points. Answers even when the person switched the displays off (they asked
/// explicitly), saying so in <c>displaysEnabled</c> so a client can respect the choice.
/// </summary>
internal static class MeApi
{
    public sealed record BadgesResponse(bool DisplaysEnabled, IReadOnlyList<AwardView> Items);

    public sealed record LevelStep(string Name, int Threshold);

    public sealed record LevelResponse(string Name, int Threshold, LevelStep? Next);

    /// <param name="RepairedWeek">The Monday of the week this month's repair bridged (yyyy-MM-dd), if it was used.</param>
    public sealed record StreakResponse(int Current, int Best, bool ThisWeekCounted, bool RepairUsedThisMonth, DateOnly? RepairedWeek);

    public sealed record LedgerItem(DateOnly Date, string Kind, string Text, Guid? CourseId, Guid? ActivityId, int Points, int RequestedPoints, bool Capped);

    public sealed record LedgerResponse(IReadOnlyList<LedgerItem> Items, int Page, int PageSize, int TotalCount);

    public sealed record PointsResponse(bool DisplaysEnabled, int Total, LevelResponse Level, StreakResponse Streak, LedgerResponse Ledger);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapApiV1("Gamification");

        api.MapGet("/me/badges", async (ClaimsPrincipal user, HttpRequest request, GamePreferences preferences, AwardViews views,
                ISiteSettingsService site, IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff earn badges and points."]);
                }

                var displays = (await preferences.GetAsync(staffId, ct)).DisplaysEnabled;
                var catalog = await views.CatalogAsync(ct);
                var items = await views.EarnedAsync(staffId, catalog, AwardLinks.Origin(await site.GetAsync(ct), request), ct);
                return Results.Ok(new BadgesResponse(displays, items));
            })
            .RequireAuthorization(Permissions.EarnBadges.Name)
            .WithName("GetMyBadges")
            .WithSummary("The caller's badges (revoked ones left out), newest first: what earned each, whether it is public, and its Open Badges addresses.")
            .Produces<BadgesResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/me/points", async (int? page, int? pageSize, ClaimsPrincipal user, GamePreferences preferences, PlayerProgressReader reader,
                AwardViews views, LedgerText text, IStringLocalizer<GamificationStrings> T, CancellationToken ct) =>
            {
                if (user.GetStaffId() is not { } staffId)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status403Forbidden, T["Only members of staff earn badges and points."]);
                }

                if (page is < 1 || pageSize is < 1 or > PlayerProgressReader.MaxPageSize)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, T["Give a page from 1 and a page size from 1 to {0}.", PlayerProgressReader.MaxPageSize]);
                }

                var displays = (await preferences.GetAsync(staffId, ct)).DisplaysEnabled;
                var progress = await reader.ForAsync(staffId, ct);
                var ledger = await reader.LedgerAsync(staffId, page ?? 1, pageSize ?? 20, ct);
                var catalog = await views.CatalogAsync(ct);
                var english = !LmsCultures.IsJapanese;
                var streak = progress.Streak;
                return Results.Ok(new PointsResponse(
                    displays,
                    progress.Total,
                    new LevelResponse(progress.Level.Name(english), progress.Level.Threshold, progress.Next is { } next ? new LevelStep(next.Name(english), next.Threshold) : null),
                    new StreakResponse(streak.Current, streak.Best, streak.ThisWeekCounted, streak.RepairUsedThisMonth, streak.RepairedWeekThisMonth),
                    new LedgerResponse(
                        ledger.Items.Select(l => new LedgerItem(l.Date, l.Kind, text.Describe(l, catalog), l.CourseId, l.ActivityId, l.Points, l.RequestedPoints, l.Capped)).ToList(),
                        ledger.Page,
                        ledger.PageSize,
                        ledger.TotalCount)));
            })
            .RequireAuthorization(Permissions.EarnBadges.Name)
            .WithName("GetMyPoints")
            .WithSummary("The caller's total points, level (and the next), weekly streak, and one page of the points ledger (newest first; ?page=1&pageSize=20, at most 100).")
            .Produces<PointsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
