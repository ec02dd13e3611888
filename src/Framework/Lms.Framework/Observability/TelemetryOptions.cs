using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Lms.Framework.Observability;

/// <summary>
/// <c>Lms:Telemetry</c>: the service's name and where (if anywhere) traces, metrics and logs go. Without an OTLP
/// endpoint nothing leaves the process: no exporter is registered and no spans are recorded.
/// </summary>
internal sealed record TelemetryOptions(string ServiceName, OtlpTarget? Otlp, double TraceSampleRatio)
{
    public const string Section = "Lms:Telemetry";
    public const string DefaultServiceName = "step0-lms";

    /// <summary>The standard variable every OpenTelemetry SDK reads; honoured when the site's own key is not set.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public bool Exports => Otlp is not null;

    public static TelemetryOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var serviceName = section["ServiceName"] is { Length: > 0 } name ? name : DefaultServiceName;
        var ratio = Math.Clamp(section.GetValue("Traces:SampleRatio", 1.0), 0.0, 1.0);
        return new TelemetryOptions(serviceName, OtlpTarget.Read(section.GetSection("Otlp"), configuration), ratio);
    }
}

/// <param name="Endpoint">Null when only the standard variables configure the exporter (the SDK reads them itself).</param>
internal sealed record OtlpTarget(Uri? Endpoint, OtlpExportProtocol Protocol)
{
    public static OtlpTarget? Read(IConfigurationSection otlp, IConfiguration configuration)
    {
        if (otlp["Endpoint"] is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException($"{TelemetryOptions.Section}:Otlp:Endpoint must be an http:// or https:// address, not '{endpoint}'.");
            }

            return new OtlpTarget(uri, ParseProtocol(otlp["Protocol"]));
        }

        return configuration[TelemetryOptions.StandardEndpointVariable] is { Length: > 0 } ? new OtlpTarget(null, OtlpExportProtocol.Grpc) : null;
    }

    private static OtlpExportProtocol ParseProtocol(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" or "httpprotobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"{TelemetryOptions.Section}:Otlp:Protocol must be 'grpc' or 'http/protobuf', not '{value}'."),
    };
}
