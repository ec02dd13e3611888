using Lms.Contracts.Organization;
using Lms.Framework.Data;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Social;
using Lms.Tests.Infrastructure;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CompleteActivityCommand = Lms.Modules.Learning.Features.CompleteActivity.CompleteActivity;

namespace Lms.Tests.Gamification;

/// <summary>
/// A small demo city with a one-lesson programme course (key <c>step0-t</c>) assigned to general staff only, and a
/// course outside the programme assigned to everyone; helpers that finish it for chosen people through Learning's
/// own command, set game preferences, give points and read the org chart.
/// </summary>
internal static class SocialFixture
{
    public const string ProgrammeKey = "step0-t";
    public const string OtherKey = "other-t";
    public static readonly Guid ProgrammeLesson = StableGuid.From($"course:{ProgrammeKey}/activity:l1");
    public static readonly Guid OtherLesson = StableGuid.From($"course:{OtherKey}/activity:l1");

    private static string Course(string key, string title) => $$"""
        { "key": "{{key}}", "title": "{{title}}", "summary": "テスト用", "tiers": [], "estimatedMinutes": 10, "sequential": false,
          "sections": [ { "key": "s1", "title": "第1部", "activities": [
            { "key": "l1", "kind": "lesson", "title": "レッスン", "estimatedMinutes": 10, "body": "本文" } ] } ] }
        """;

    public static readonly string Recipe = $$"""
        { "name": "social-test", "steps": [
          { "name": "courses", "courses": [ {{Course(ProgrammeKey, "テスト必修コース")}}, {{Course(OtherKey, "テスト任意コース")}} ] },
          { "name": "course-assignments", "assignments": [
            { "course": "{{ProgrammeKey}}", "audience": "tier", "tier": "general", "dueInDays": 30 },
            { "course": "{{OtherKey}}", "audience": "everyone", "dueInDays": 30 } ] } ] }
        """;

    public static async Task SetUpAsync(LmsAppFactory factory, int staff = 100)
    {
        await factory.SeedDemoAsync(staff);
        await factory.RunRecipeJsonAsync(Recipe);
        await factory.FlushDeferredWorkAsync();
    }

    /// <summary>Every active person's placement.</summary>
    public static Task<IReadOnlyList<StaffPlacement>> PlacementsAsync(LmsAppFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetStaffPlacements()));

    public static Task<IReadOnlyList<OrgUnitSummary>> UnitsAsync(LmsAppFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetOrgUnits()));

    public static Task<Guid> StaffIdAsync(LmsAppFactory factory, string userName) =>
        factory.WithScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(new FindStaffByUserName(userName)) ?? throw new InvalidOperationException(userName));

    public static Task<IReadOnlyList<StaffCard>> CardsAsync(LmsAppFactory factory, IReadOnlyCollection<Guid> staffIds) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<IMediator>().Send(new GetStaffCards(staffIds)));

    /// <summary>Finishes a one-lesson course for the people given, as they would (at <paramref name="at"/>, default now).</summary>
    public static Task CompleteAsync(LmsAppFactory factory, IEnumerable<Guid> staffIds, Guid lessonId, DateTimeOffset? at = null) =>
        factory.WithScopeAsync(async sp =>
        {
            var mediator = sp.GetRequiredService<IMediator>();
            foreach (var id in staffIds)
            {
                var result = await mediator.Send(new CompleteActivityCommand(id, lessonId, At: at));
                Assert.True(result.Succeeded, result.Message);
            }

            return 0;
        });

    public static Task SavePreferenceAsync(LmsAppFactory factory, Guid staffId, bool displays = true, bool join = false, bool showName = false) =>
        factory.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<GamePreferences>().SaveAsync(staffId, displays, join, showName);
            return 0;
        });

    /// <summary>A preference row as it may be in the database whatever the settings page does (to prove the queries filter it).</summary>
    public static Task WritePreferenceRowAsync(LmsAppFactory factory, Guid staffId, bool displays, bool join, bool showName) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GamificationDbContext>();
            db.Preferences.Add(new GamePreference { StaffId = staffId, DisplaysEnabled = displays, JoinRankings = join, ShowNameInRankings = showName, UpdatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

    /// <summary>Ledger lines straight into the table (one per call), so a test controls totals exactly.</summary>
    public static Task GivePointsAsync(LmsAppFactory factory, Guid staffId, int points) =>
        factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GamificationDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.Points.Add(new PointsEntry
            {
                StaffId = staffId, SourceKey = "test:" + Guid.NewGuid().ToString("N"), Kind = "lesson", Points = points, RequestedPoints = points,
                LocalDate = DateOnly.FromDateTime(now.UtcDateTime), OccurredAt = now, RecordedAt = now,
            });
            return await db.SaveChangesAsync();
        });

    /// <summary>The cached rates, recomputed now (tests change data within the cache's lifetime).</summary>
    public static Task<CompletionSnapshot> FreshSnapshotAsync(LmsAppFactory factory) =>
        factory.WithScopeAsync(async sp =>
        {
            var rates = sp.GetRequiredService<CompletionRates>();
            rates.Forget();
            return await rates.GetAsync();
        });

    /// <summary>Drops the cached rates and challenges, as if their minute had passed.</summary>
    public static Task ForgetCachesAsync(LmsAppFactory factory) =>
        factory.WithScopeAsync(sp =>
        {
            sp.GetRequiredService<CompletionRates>().Forget();
            sp.GetRequiredService<ChallengeBoard>().Forget();
            return Task.FromResult(0);
        });

    public static Task<List<Challenge>> ChallengesAsync(LmsAppFactory factory) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<GamificationDbContext>().Challenges.AsNoTracking().OrderBy(c => c.Key).ToListAsync());

    /// <summary>Today on the site's clock (the setup recipe puts the site in Asia/Tokyo).</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string ChallengeRecipe(string key, string? department, int target, DateOnly? startsOn, string endsOn, string titleJa = "テストチャレンジ") => $$"""
        { "name": "challenge-test", "steps": [ { "name": "challenges", "challenges": [ {
          "key": "{{key}}", "title": { "ja": "{{titleJa}}", "en": "Test challenge" },
          "department": {{(department is null ? "null" : $"\"{department}\"")}}, "targetPercent": {{target}},
          {{(startsOn is { } s ? $"\"startsOn\": \"{Day(s)}\"," : "")}} "endsOn": "{{endsOn}}" } ] } ] }
        """;
}
