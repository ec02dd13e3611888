using System.Collections.Concurrent;
using Lms.Contracts.Organization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Infrastructure;

/// <summary>Records the integration events the site publishes, as a subscriber module would see them.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<INotification> events = new();

    public IReadOnlyList<INotification> All => [.. events];

    public IReadOnlyList<T> Of<T>() => [.. events.OfType<T>()];

    public void Clear() => events.Clear();

    /// <summary>The events of a restored database: what was recorded while the snapshot was made.</summary>
    internal void Replace(IEnumerable<INotification> recorded)
    {
        events.Clear();
        foreach (var notification in recorded)
        {
            events.Enqueue(notification);
        }
    }

    internal void Register(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.AddTransient<INotificationHandler<StaffRegistered>, Recorder<StaffRegistered>>();
        services.AddTransient<INotificationHandler<StaffChanged>, Recorder<StaffChanged>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Courses.CoursePublished>, Recorder<Lms.Contracts.Courses.CoursePublished>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Learning.ActivityCompleted>, Recorder<Lms.Contracts.Learning.ActivityCompleted>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Learning.CourseCompleted>, Recorder<Lms.Contracts.Learning.CourseCompleted>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Learning.SurveySubmitted>, Recorder<Lms.Contracts.Learning.SurveySubmitted>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Learning.ActivityCompletionReversed>, Recorder<Lms.Contracts.Learning.ActivityCompletionReversed>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Learning.EnrolmentsChanged>, Recorder<Lms.Contracts.Learning.EnrolmentsChanged>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Workshops.WorkshopCompleted>, Recorder<Lms.Contracts.Workshops.WorkshopCompleted>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Gamification.BadgeAwarded>, Recorder<Lms.Contracts.Gamification.BadgeAwarded>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Gamification.BadgeRevoked>, Recorder<Lms.Contracts.Gamification.BadgeRevoked>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Workshops.WorkshopSignOffReversed>, Recorder<Lms.Contracts.Workshops.WorkshopSignOffReversed>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Workshops.WaitlistSeatGranted>, Recorder<Lms.Contracts.Workshops.WaitlistSeatGranted>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Workshops.WorkshopSessionCancelled>, Recorder<Lms.Contracts.Workshops.WorkshopSessionCancelled>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Certificates.CertificateIssued>, Recorder<Lms.Contracts.Certificates.CertificateIssued>>();
        services.AddTransient<INotificationHandler<Lms.Contracts.Certificates.CertificateRevoked>, Recorder<Lms.Contracts.Certificates.CertificateRevoked>>();
    }

    private sealed class Recorder<T>(EventRecorder recorder) : INotificationHandler<T> where T : INotification
    {
        public Task Handle(T notification, CancellationToken cancellationToken)
        {
            recorder.events.Enqueue(notification);
            return Task.CompletedTask;
        }
    }
}
