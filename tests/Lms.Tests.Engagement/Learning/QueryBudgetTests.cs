using System.Net.Http.Json;
using Lms.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Lms.Tests.Learning;

/// <summary>The learner's pages cost the same few queries however many activities a course has.</summary>
public sealed class QueryBudgetTests(LmsAppFactory factory, ITestOutputHelper output) : SiteTest(factory)
{
    private const int Budget = 12;

    /// <summary>The queries of each page once warm (published versions are cached after the first read).</summary>
    private async Task<(int Home, int Course)> CountAsync(HttpClient client, Guid courseId)
    {
        await client.GetStringAsync("/");
        await client.GetStringAsync($"/learn/courses/{courseId}");
        return (await QueryCounter.CountAsync(Factory, () => client.GetStringAsync("/")),
            await QueryCounter.CountAsync(Factory, () => client.GetStringAsync($"/learn/courses/{courseId}")));
    }

    [Fact]
    public async Task The_home_page_and_the_course_page_make_no_query_per_activity()
    {
        await Factory.SeedDemoAsync(100);
        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(sequential: false));
        var api = await LearnerApi.LearnerAsync(Factory, "demo-staff");
        var (courseId, activities, _) = await LearnerApi.CourseAsync(api);
        var page = await SiteClient.SignInAsync(Factory, "demo-staff");
        var before = await CountAsync(page, courseId);

        await Factory.RunRecipeJsonAsync(TestCourse.Recipe(extraLesson: true, sequential: false));
        await api.PostAsync($"/api/v1/activities/{activities[0].Id}/completion", null);
        await api.PostAsJsonAsync($"/api/v1/activities/{activities[2].Id}/completion", new { text = "十分な長さのふりかえりです。" });
        var after = await CountAsync(page, courseId);

        output.WriteLine($"queries: home {after.Home}, course page {after.Course}");
        Assert.Equal(before, after);
        Assert.InRange(after.Home, 1, Budget);
        Assert.InRange(after.Course, 1, Budget);
    }
}
