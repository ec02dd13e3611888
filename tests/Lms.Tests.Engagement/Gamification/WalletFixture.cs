using System.Net;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Data;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

/// <summary>The demo city with its learning history (and so its badges), and direct access to the game's tables.</summary>
internal static class WalletFixture
{
    public const string CoreBadge = "DXの第一歩";
    public const string PersonaBadge = "市民目線のまなざし";
    public const string FirstWorkshopBadge = "はじめてのワークショップ";
    public const string CoreCourse = "共通コア：DXの基本と市民目線";
    public const string PersonaWorkshop = "ワークショップ1：ペルソナとカスタマージャーニーを描く";

    /// <summary>
    /// The Step-0 curriculum with its badges, a demo city, its assignments and learning history: demo-staff has
    /// finished the common core and the general course's first workshop, through the same events as real use.
    /// </summary>
    public static Task DemoHistoryAsync(LmsAppFactory factory) => factory.InstallSnapshotAsync("wallet-history", async () =>
    {
        await factory.RunRecipeAsync("step0-dx-mindset.recipe.json");
        await factory.SeedDemoAsync(100);
        await factory.RunRecipeJsonAsync("""
            {"name": "demo-history", "steps": [
              {"name": "course-assignments", "assignments": [
                {"course": "step0-core", "audience": "everyone", "dueInDays": -10},
                {"course": "step0-general", "audience": "tier", "tier": "general", "dueInDays": 5}]},
              {"name": "demo-learning", "seed": 20260401}]}
            """);
    });

    public static Task<Guid> StaffIdAsync(LmsAppFactory factory, string userName) =>
        factory.WithScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(new FindStaffByUserName(userName)) ?? throw new InvalidOperationException(userName));

    public static Task<string> NameAsync(LmsAppFactory factory, Guid staffId) =>
        factory.WithScopeAsync(async sp => (await sp.GetRequiredService<IMediator>().Send(new GetStaffContacts([staffId])))[0].Name);

    public static Task<T> DbAsync<T>(LmsAppFactory factory, Func<GamificationDbContext, Task<T>> action) =>
        factory.WithScopeAsync(sp => action(sp.GetRequiredService<GamificationDbContext>()));

    /// <summary>The person's award of the badge with this Japanese name.</summary>
    public static Task<BadgeAward> AwardAsync(LmsAppFactory factory, Guid staffId, string badgeName) =>
        DbAsync(factory, db => (from a in db.Awards join b in db.Badges on a.BadgeId equals b.Id where a.StaffId == staffId && b.NameJa == badgeName select a).SingleAsync());

    /// <summary>Ledger lines written as the points ledger would have (tests of reading: dates, caps, paging).</summary>
    public static Task AddLinesAsync(LmsAppFactory factory, Guid staffId, params (DateOnly Day, string Kind, int Points, int Requested)[] lines) =>
        DbAsync(factory, async db =>
        {
            foreach (var (day, kind, points, requested) in lines)
            {
                db.Points.Add(new PointsEntry
                {
                    StaffId = staffId,
                    SourceKey = $"test:{Guid.NewGuid():N}",
                    Kind = kind,
                    Points = points,
                    RequestedPoints = requested,
                    LocalDate = day,
                    OccurredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero),
                    RecordedAt = DateTimeOffset.UtcNow,
                });
            }

            return await db.SaveChangesAsync();
        });

    /// <summary>Today on the site's clock (Asia/Tokyo, set by the setup recipe).</summary>
    public static DateOnly TodayInTokyo() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);

    /// <summary>The page's main content: what a person reads, without the per-response tokens of the layout.</summary>
    public static string MainContent(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The page has no <main>.");
        return WebUtility.HtmlDecode(html[start..end]);
    }
}
