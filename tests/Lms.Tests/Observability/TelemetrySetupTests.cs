using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lms.Framework.Observability;
using Lms.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Lms.Tests.Observability;

/// <summary>
/// The telemetry wiring on its own service collection: no exporter unless an OTLP endpoint is configured, and
/// with one, traces and metrics really reach it. In the site collection, so no site test runs meanwhile and
/// no request of theirs is exported to the fake collector.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class TelemetrySetupTests
{
    private static readonly string OtlpAssembly = typeof(OtlpExporterOptions).Assembly.GetName().Name!;

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddLmsTelemetry(configuration, "Testing");
        return services;
    }

    /// <summary>Any registration (service, implementation or generic argument) that comes from the OTLP exporter's assembly.</summary>
    private static bool HasOtlpExporter(IServiceCollection services) => services.Any(d =>
        new[] { d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType() }
            .OfType<Type>()
            .SelectMany(t => t.IsGenericType ? t.GetGenericArguments().Prepend(t) : [t])
            .Any(t => t.Assembly.GetName().Name == OtlpAssembly));

    [Fact]
    public void Without_an_endpoint_no_exporter_is_registered_and_no_span_is_recorded()
    {
        var services = Services([]);

        Assert.False(HasOtlpExporter(services));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
        Assert.False(provider.GetRequiredService<TelemetryOptions>().Exports);
        using var source = new ActivitySource("Lms.Tests.Unsampled");
        using var activity = source.StartActivity("probe");
        Assert.True(activity is null || !activity.Recorded);
    }

    [Fact]
    public void The_standard_OTEL_variable_alone_switches_the_exporter_on()
    {
        var services = Services(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317" });

        Assert.True(HasOtlpExporter(services));
        var options = TelemetryOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317" }).Build());
        Assert.True(options.Exports);
        Assert.Null(options.Otlp!.Endpoint); // the SDK reads the variable (and its siblings) itself
        Assert.Equal(TelemetryOptions.DefaultServiceName, options.ServiceName);
    }

    [Fact]
    public void A_malformed_endpoint_or_protocol_fails_the_start_with_the_key_named()
    {
        var endpoint = Assert.Throws<InvalidOperationException>(() => Services(new() { ["Lms:Telemetry:Otlp:Endpoint"] = "collector:4317" }));
        var protocol = Assert.Throws<InvalidOperationException>(() => Services(new() { ["Lms:Telemetry:Otlp:Endpoint"] = "http://collector:4317", ["Lms:Telemetry:Otlp:Protocol"] = "udp" }));

        Assert.Contains("Lms:Telemetry:Otlp:Endpoint", endpoint.Message);
        Assert.Contains("Lms:Telemetry:Otlp:Protocol", protocol.Message);
    }

    [Fact]
    public async Task With_an_endpoint_traces_and_metrics_are_exported_to_it()
    {
        using var collector = new FakeCollector();
        var services = Services(new()
        {
            ["Lms:Telemetry:Otlp:Endpoint"] = $"http://127.0.0.1:{collector.Port}",
            ["Lms:Telemetry:Otlp:Protocol"] = "http/protobuf",
            ["Lms:Telemetry:ServiceName"] = "lms-test",
        });
        Assert.True(HasOtlpExporter(services));

        await using var provider = services.BuildServiceProvider();
        var tracer = provider.GetRequiredService<TracerProvider>();
        var meters = provider.GetRequiredService<MeterProvider>();
        using var source = new ActivitySource("Lms.Tests.Exported");
        using var meter = new Meter("Lms.Tests.Exported");
        var counter = meter.CreateCounter<long>("lms.tests.exported");
        using (var activity = source.StartActivity("probe"))
        {
            Assert.NotNull(activity);
            Assert.True(activity.Recorded);
            counter.Add(1);
        }

        Assert.True(tracer.ForceFlush(10_000));
        Assert.True(meters.ForceFlush(10_000));

        var received = collector.Received;
        Assert.Contains(received, r => r.Path == "/v1/traces" && r.Body.Contains("lms-test") && r.Body.Contains(Environment.MachineName));
        Assert.Contains(received, r => r.Path == "/v1/metrics" && r.Body.Contains("lms.tests.exported"));
    }

    /// <summary>An OTLP/HTTP receiver that accepts every POST and keeps its path and body (protobuf, read as Latin-1).</summary>
    private sealed class FakeCollector : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly List<(string Path, string Body)> received = [];
        private readonly CancellationTokenSource stop = new();

        public FakeCollector()
        {
            listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public IReadOnlyList<(string Path, string Body)> Received
        {
            get
            {
                lock (received)
                {
                    return [.. received];
                }
            }
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new List<byte>();
                var chunk = new byte[8192];
                while (true)
                {
                    var headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray());
                    if (headerEnd >= 0)
                    {
                        var head = Encoding.Latin1.GetString(buffer.GetRange(0, headerEnd).ToArray());
                        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                        if (buffer.Count >= headerEnd + 4 + length)
                        {
                            var body = Encoding.Latin1.GetString(buffer.GetRange(headerEnd + 4, length).ToArray());
                            lock (received)
                            {
                                received.Add((head.Split(' ')[1], body));
                            }

                            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
                            buffer.RemoveRange(0, headerEnd + 4 + length);
                            continue;
                        }
                    }

                    var read = await stream.ReadAsync(chunk);
                    if (read == 0)
                    {
                        return;
                    }

                    buffer.AddRange(chunk.AsSpan(0, read).ToArray());
                }
            }
        }

        private static int IndexOf(List<byte> haystack, byte[] needle)
        {
            for (var i = 0; i <= haystack.Count - needle.Length; i++)
            {
                if (!needle.Where((b, j) => haystack[i + j] != b).Any())
                {
                    return i;
                }
            }

            return -1;
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }
    }
}
