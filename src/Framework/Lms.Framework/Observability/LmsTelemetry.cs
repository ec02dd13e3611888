namespace Lms.Framework.Observability;

/// <summary>
/// Names the platform's telemetry listens to. A module measures with the BCL alone (a
/// <see cref="System.Diagnostics.Metrics.Meter"/> or <see cref="System.Diagnostics.ActivitySource"/> named
/// <c>Lms.&lt;Module&gt;</c>, instruments named <c>lms.&lt;module&gt;.&lt;what&gt;</c>) and never references
/// OpenTelemetry: every meter and source whose name starts with <see cref="Prefix"/> is collected and exported.
/// </summary>
public static class LmsTelemetry
{
    public const string Prefix = "Lms.";

    /// <summary>The wildcard given to OpenTelemetry's <c>AddMeter</c> and <c>AddSource</c>.</summary>
    public const string Wildcard = Prefix + "*";
}
