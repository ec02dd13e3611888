using Lms.Framework.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lms.Framework.Observability;

/// <summary>
/// Probes for orchestrators and load balancers, beside the full report at <c>/health</c>:
/// <c>/health/live</c> answers while the process runs (no check at all, so a slow database never gets the
/// process restarted), <c>/health/ready</c> runs the checks tagged <see cref="Ready"/> (database, job storage)
/// and answers 503 when one is unhealthy, so no traffic is sent to a node that cannot serve it.
/// </summary>
internal static class HealthProbes
{
    public const string Ready = "ready";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static bool IsProbe(PathString path) => path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapLmsHealthProbes(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.Write,
        }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = HealthResponseWriter.Write,
        }).AllowAnonymous();
        return endpoints;
    }
}
