using Hangfire;
using Lms.Framework.Jobs;
using Lms.Modules.Certificates.Features.Issue;
using Lms.Modules.Notifications.Domain;
using Lms.Modules.Notifications.Features.Outbox;
using Lms.Tests.Certificates;
using Lms.Tests.Gamification;
using Lms.Tests.Infrastructure;
using Lms.Tests.Workshops;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Lms.Tests.Notifications.NotificationsFixture;

namespace Lms.Tests.Observability;

/// <summary>Jobs that run record lms.jobs.*; certificates issued and reminders sent record theirs, once each.</summary>
public sealed class AppMetricsTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task A_background_job_is_counted_and_timed_per_job_and_outcome()
    {
        using var metrics = new MetricRecorder(JobTelemetryFilter.MeterName);
        var jobs = Factory.Services.GetRequiredService<IBackgroundJobClient>();

        jobs.Enqueue(() => ProbeJobs.Succeed());
        jobs.Enqueue(() => ProbeJobs.Fail());
        jobs.Enqueue<RecurringJobInvoker>(i => i.RunAsync(DatabaseMaintenanceJob.Id, CancellationToken.None));

        var succeeded = await metrics.WaitForAsync("lms.jobs.executions", ("job", "ProbeJobs.Succeed"), ("outcome", "succeeded"));
        await metrics.WaitForAsync("lms.jobs.executions", ("job", "ProbeJobs.Fail"), ("outcome", "failed"));
        await metrics.WaitForAsync("lms.jobs.executions", ("job", DatabaseMaintenanceJob.Id), ("outcome", "succeeded"));
        Assert.Equal(1, succeeded.Value);
        var duration = Assert.Single(metrics.Of("lms.jobs.duration", ("job", "ProbeJobs.Succeed")));
        Assert.InRange(duration.Value, ProbeJobs.Pause.TotalSeconds * 0.9, 30);
        Assert.Empty(metrics.Of("lms.jobs.executions", ("job", "ProbeJobs.Fail"), ("outcome", "succeeded")));
    }

    [Fact]
    public async Task Issuing_a_certificate_counts_it_once_and_serving_it_again_does_not()
    {
        await CertificateFixture.SetUpAsync(Factory);
        using var metrics = new MetricRecorder("Lms.Certificates");

        await CertificateFixture.CompleteAsync(Factory);
        await Factory.WithScopeAsync(sp => sp.GetRequiredService<ReconcileCertificatesJob>().RunAsync(CancellationToken.None));

        Assert.Equal(1, metrics.Sum("lms.certificates.issued", ("kind", "course"), ("reissue", "false")));
        Assert.Equal(1, metrics.Sum("lms.certificates.issued"));
    }

    [Fact]
    public async Task A_reminder_sweep_counts_the_reminders_it_stored_and_the_outbox_the_mails_it_sent()
    {
        await GameFixture.SetUpAsync(Factory);
        var learners = await WorkshopFixture.LearnersAsync(Factory);
        using var metrics = new MetricRecorder("Lms.Notifications");
        var clock = WorkingClock();

        var first = await SweepAsync(Factory, clock);
        var again = await SweepAsync(Factory, clock);
        var drained = await DrainAsync(Factory, clock);

        Assert.Equal(learners.Count, first.Created);
        Assert.Equal(0, again.Created);
        Assert.Equal(first.Created, metrics.Sum("lms.notifications.sent", ("channel", "inbox"), ("kind", NotificationKinds.DueSoon)));
        Assert.Equal(first.Created, metrics.Sum("lms.notifications.sent", ("channel", "inbox")));
        Assert.True(drained.Sent > 0, drained.ToString());
        Assert.Equal(drained.Sent, metrics.Sum("lms.notifications.sent", ("channel", "mail"), ("kind", NotificationKinds.DueSoon)));
    }

    /// <summary>The first moment within working hours from noon of day 7 (the seven-day reminders are due then).</summary>
    private static FakeTimeProvider WorkingClock()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var local = WorkingHours.Default.NextAllowed(ClockAtDay(7).GetLocalNow().DateTime.Date.AddHours(12));
        return new FakeTimeProvider(new DateTimeOffset(local, tokyo.GetUtcOffset(local)));
    }
}

/// <summary>Jobs for the job-metrics test (static: Hangfire needs no instance).</summary>
public static class ProbeJobs
{
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    public static Task Succeed() => Task.Delay(Pause);

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public static void Fail() => throw new InvalidOperationException("This probe job fails on purpose.");
}
