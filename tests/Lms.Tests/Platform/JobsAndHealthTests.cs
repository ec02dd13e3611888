using System.Net;
using System.Text.Json;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Platform;

public sealed class JobsAndHealthTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    [Fact]
    public async Task The_jobs_dashboard_sends_anonymous_visitors_to_sign_in()
    {
        var response = await SiteClient.Create(Factory).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("demo-staff")]
    [InlineData("demo-manager")]
    public async Task The_jobs_dashboard_is_forbidden_to_other_roles(string userName)
    {
        var client = await SiteClient.SignInAsync(Factory, userName);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("権限がありません", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Admins_open_the_jobs_dashboard_and_see_the_recurring_jobs()
    {
        var client = await SiteClient.SignInAsync(Factory, "demo-admin");

        var response = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("database-maintenance", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_reports_the_database_and_the_job_storage()
    {
        var response = await Factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pages_that_do_not_exist_show_a_Japanese_404_page()
    {
        var client = await SiteClient.SignInAsync(Factory, "demo-staff");

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ページが見つかりません", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_admin_area_is_for_admins_only()
    {
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/admin")).StatusCode);

        var admin = await SiteClient.SignInAsync(Factory, "demo-admin");
        var page = await admin.GetStringAsync("/admin");
        Assert.Contains("組織図", page);
        Assert.Contains("レシピ", page);
        Assert.Contains("バックグラウンドジョブ", page);
    }
}
