using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;

namespace Lms.Framework.Jobs;

/// <summary>
/// Counts and times every background job this node performs, per job and outcome, and runs each in a span of
/// its own (the database calls it makes become its children). Registered once as a global Hangfire filter.
/// Tags: <c>job</c> is the recurring job's id (<c>reminder-sweep</c>) for recurring jobs, else <c>Type.Method</c>;
/// <c>outcome</c> is <c>succeeded</c>, <c>failed</c> or <c>canceled</c>.
/// </summary>
internal sealed class JobTelemetryFilter : IServerFilter
{
    public const string MeterName = "Lms.Jobs";
    private const string StartedKey = "lms.telemetry.started";
    private const string ActivityKey = "lms.telemetry.activity";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ActivitySource Source = new(MeterName);
    private static readonly Counter<long> Executions = Meter.CreateCounter<long>(
        "lms.jobs.executions", "{job}", "Background jobs performed on this node, per job and outcome");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "lms.jobs.duration", "s", "How long background jobs ran, per job and outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });

    private static readonly Lock Registration = new();

    /// <summary>Adds the filter to Hangfire's global filters once per process (Hangfire's configuration is static).</summary>
    public static IGlobalConfiguration UseJobTelemetry(IGlobalConfiguration configuration)
    {
        lock (Registration)
        {
            return GlobalJobFilters.Filters.Any(f => f.Instance is JobTelemetryFilter)
                ? configuration
                : configuration.UseFilter(new JobTelemetryFilter());
        }
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = NameOf(context.BackgroundJob.Job);
        // A job is the root of its own trace: whatever a worker thread last held is not its parent.
        Activity.Current = null;
        var activity = Source.StartActivity("job " + job, ActivityKind.Internal);
        activity?.SetTag("job", job);
        activity?.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        context.Items[ActivityKey] = activity;
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(StartedKey, out var value) || value is not long started)
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var outcome = context.Canceled ? "canceled" : context.Exception is null || context.ExceptionHandled ? "succeeded" : "failed";
        var tags = new TagList { { "job", NameOf(context.BackgroundJob.Job) }, { "outcome", outcome } };
        Executions.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);

        if (context.Items.TryGetValue(ActivityKey, out var held) && held is Activity activity)
        {
            activity.SetTag("outcome", outcome);
            if (outcome == "failed")
            {
                activity.SetStatus(ActivityStatusCode.Error, context.Exception?.GetBaseException().Message);
            }

            activity.Stop();
        }
    }

    internal static string NameOf(Job job) =>
        job.Type == typeof(RecurringJobInvoker) && job.Args.Count > 0 && job.Args[0] is string id
            ? id
            : $"{job.Type.Name}.{job.Method.Name}";
}
