using System.Net.Http.Json;
using Lms.Contracts.Courses;
using Lms.Framework.Data;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Badges;
using Lms.Tests.Infrastructure;
using Lms.Tests.Learning;
using Lms.Tests.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Gamification;

/// <summary>The Learning tests' small course on a demo city, and helpers to define badges and read awards and points.</summary>
internal static class GameFixture
{
    public static readonly Guid CourseId = StableGuid.From($"course:{TestCourse.Key}");

    public static Guid ActivityId(string key) => StableGuid.From($"course:{TestCourse.Key}/activity:{key}");

    public static Task SetUpAsync(LmsAppFactory factory) => WorkshopFixture.SetUpAsync(factory);

    public static Task<Badge> DefineAsync(LmsAppFactory factory, string name, BadgeCriterion criterion, string? key = null) =>
        factory.WithScopeAsync(async sp =>
        {
            var (badge, problems) = await sp.GetRequiredService<BadgeDefinitions>().SaveAsync(null,
                new BadgeDraft(key, name, "", "", "", criterion, "teal", "star", "", 0), "tests", CancellationToken.None);
            return badge ?? throw new InvalidOperationException(string.Join(" ", problems));
        });

    public static Task<T> GameDb<T>(LmsAppFactory factory, Func<GamificationDbContext, Task<T>> query) =>
        factory.WithScopeAsync(sp => query(sp.GetRequiredService<GamificationDbContext>()));

    public static Task<List<BadgeAward>> AwardsAsync(LmsAppFactory factory, Guid staffId) =>
        GameDb(factory, db => db.Awards.AsNoTracking().Where(a => a.StaffId == staffId).ToListAsync());

    public static Task<List<PointsEntry>> LedgerAsync(LmsAppFactory factory, Guid staffId) =>
        GameDb(factory, db => db.Points.AsNoTracking().Where(p => p.StaffId == staffId).OrderBy(p => p.Id).ToListAsync());

    /// <summary>demo-staff (or another general-tier learner) works through the test course's four required activities.</summary>
    public static async Task CompleteCourseAsync(HttpClient client)
    {
        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        Check(await client.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null));
        (_, activities, _) = await LearnerApi.CourseAsync(client); // the course is sequential: the quiz opens now
        Check(await client.PostAsJsonAsync($"/api/v1/quizzes/{activities[1].Id}/attempts", LearnerApi.Answers(activities[1], Right)));
        Check(await client.PostAsJsonAsync($"/api/v1/activities/{activities[2].Id}/completion", new { text = "市民の立場で窓口の流れを見直したい。" }));
        Check(await client.PostAsJsonAsync($"/api/v1/activities/{activities[3].Id}/completion", new { answers = new { m1 = 4, m2 = 5 } }));
    }

    public static async Task CompleteLessonAsync(HttpClient client)
    {
        var (_, activities, _) = await LearnerApi.CourseAsync(client);
        Check(await client.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null));
    }

    private static readonly Dictionary<string, string[]> Right = new() { ["単一選択"] = ["正しい"], ["複数選択"] = ["正1", "正2"] };

    private static void Check(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}");

    public static ActivityKind KindOf(string key) => key switch
    {
        "l1" => ActivityKind.Lesson,
        "q1" => ActivityKind.Quiz,
        "r1" => ActivityKind.Reflection,
        "sv" => ActivityKind.Survey,
        _ => ActivityKind.Workshop,
    };
}
