using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lms.Framework.Observability;

internal static class TelemetrySetup
{
    /// <summary>Meters of the libraries under the site that are not covered by an instrumentation package.</summary>
    private static readonly string[] LibraryMeters = ["Microsoft.EntityFrameworkCore", "Npgsql"];

    /// <summary>
    /// Traces (requests, outgoing HTTP, EF Core, the site's own sources) and metrics (requests, runtime, EF Core,
    /// the site's own meters) are always wired; they leave the process only when an OTLP endpoint is configured.
    /// Without one, spans are not sampled (nothing recorded, nothing kept) and metrics have no reader.
    /// </summary>
    public static IServiceCollection AddLmsTelemetry(this IServiceCollection services, IConfiguration configuration, string environmentName)
    {
        var options = TelemetryOptions.Read(configuration);
        services.AddSingleton(options);
        var version = typeof(TelemetrySetup).Assembly.GetName().Version?.ToString();

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(options.ServiceName, serviceVersion: version, autoGenerateServiceInstanceId: false, serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("deployment.environment.name", environmentName)]))
            .WithTracing(tracing => tracing
                .SetSampler(options.Exports ? new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)) : new AlwaysOffSampler())
                // Load balancers ask for the probes every few seconds: their spans would drown the real requests.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !HealthProbes.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(LmsTelemetry.Wildcard))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(LibraryMeters)
                .AddMeter(LmsTelemetry.Wildcard));

        if (options.Otlp is { } otlp)
        {
            // Exported log records carry their trace and span ids; the request's scope (RequestId, path) goes too.
            services.Configure<OpenTelemetryLoggerOptions>(o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
            });
            if (otlp.Endpoint is { } endpoint)
            {
                telemetry.UseOtlpExporter(otlp.Protocol, endpoint);
            }
            else
            {
                telemetry.UseOtlpExporter(); // OTEL_EXPORTER_OTLP_* as the SDK reads them
            }
        }

        return services;
    }
}
