using System.Diagnostics.Metrics;

namespace Lms.Tests.Observability;

/// <summary>What the site's meters record while a test runs, through the BCL's own listener (no exporter involved).</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<Measurement> measurements = [];

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

    public MetricRecorder(params string[] meterNames)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meterNames.Contains(instrument.Meter.Name))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        lock (measurements)
        {
            measurements.Add(new Measurement(instrument.Name, value, copy));
        }
    }

    public IReadOnlyList<Measurement> Of(string instrument, params (string Key, string Value)[] tags)
    {
        lock (measurements)
        {
            return measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).ToList();
        }
    }

    public double Sum(string instrument, params (string Key, string Value)[] tags) => Of(instrument, tags).Sum(m => m.Value);

    /// <summary>Waits (up to 30 s) until a measurement of <paramref name="instrument"/> with these tags has been recorded.</summary>
    public async Task<Measurement> WaitForAsync(string instrument, params (string Key, string Value)[] tags)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (Of(instrument, tags) is [var first, ..])
            {
                return first;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {instrument} with {string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))} was recorded");
            await Task.Delay(50);
        }
    }

    public void Dispose() => listener.Dispose();
}
