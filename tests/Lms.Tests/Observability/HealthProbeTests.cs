using System.Net;
using System.Text.Json;
using Lms.Framework.Observability;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lms.Tests.Observability;

public sealed class HealthProbeTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task Live_answers_200_without_running_any_check()
    {
        var response = await Factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Empty(body.RootElement.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Ready_answers_200_after_checking_the_database_and_the_job_storage()
    {
        var response = await Factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal(["database", "jobs"], checks.EnumerateObject().Select(c => c.Name).Order());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_full_report_at_health_still_lists_every_check()
    {
        var response = await Factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["database", "jobs"], body.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
    }

    /// <summary>
    /// The site's own database cannot be taken away under the shared test host, so the probes are mapped on a bare
    /// host whose "ready" check fails: readiness reports 503 while liveness stays 200.
    /// </summary>
    [Fact]
    public async Task Ready_answers_503_when_a_ready_check_fails_while_live_still_answers_200()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddRouting();
        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks()
            .AddCheck("database", () => HealthCheckResult.Unhealthy("The database does not answer."), tags: [HealthProbes.Ready]);
        await using var app = builder.Build();
        app.UseRouting();
        app.UseAuthorization();
        app.MapLmsHealthProbes();
        await app.StartAsync();
        var client = app.GetTestClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
