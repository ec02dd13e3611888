using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lms.Framework.Health;

/// <summary>Hangfire's storage answers and at least one server is registered with it (unless this node runs none).</summary>
internal sealed class HangfireHealthCheck(JobStorage storage, Microsoft.Extensions.Configuration.IConfiguration configuration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var servers = monitoring.Servers().Count;
            var data = new Dictionary<string, object> { ["servers"] = servers };
            var expectServer = configuration["Lms:Jobs:ServerEnabled"] is not "false" and not "False";
            return Task.FromResult(expectServer && servers == 0
                ? HealthCheckResult.Degraded("Hangfire storage answers, but no Hangfire server is running yet.", data: data)
                : HealthCheckResult.Healthy("Hangfire storage answers.", data));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage does not answer.", e));
        }
    }
}

internal static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>Status per check, without exception details (the endpoint is anonymous).</summary>
    public static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Options));
    }
}
