using System.Collections.Concurrent;
using Hangfire;
using Lms.Contracts.Certificates;
using Lms.Contracts.Courses;
using Lms.Contracts.Gamification;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;
using Lms.Contracts.Workshops;
using Lms.Framework.Modules;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Reporting.Projection;

/// <summary>
/// The people (and workshop sessions) whose reports are out of date. Events only mark them, at no cost to the
/// publisher; every couple of seconds the host flushes the queue and <see cref="ReadModelWriter"/> recomputes their
/// rows, a thousand people per transaction. A burst (a recipe's history, a roster import) becomes a few refreshes.
/// What a crash loses before the flush, the nightly rebuild puts right.
/// </summary>
internal sealed class ReportingQueue(IBackgroundJobClient jobs) : IDeferredWork
{
    private readonly ConcurrentDictionary<Guid, byte> people = new();
    private readonly ConcurrentDictionary<Guid, byte> sessions = new();
    private readonly ConcurrentDictionary<Guid, byte> courses = new();

    public void Person(Guid staffId) => people.TryAdd(staffId, 0);

    public void People(IEnumerable<Guid> staffIds)
    {
        foreach (var id in staffIds)
        {
            people.TryAdd(id, 0);
        }
    }

    public void Session(Guid sessionId) => sessions.TryAdd(sessionId, 0);

    /// <summary>A course got a new version: everyone enrolled is refreshed by a job (it may be the whole city).</summary>
    public void Course(Guid courseId) => courses.TryAdd(courseId, 0);

    /// <summary>Drops what is pending (tests reset the database under it).</summary>
    public void Forget()
    {
        people.Clear();
        sessions.Clear();
        courses.Clear();
    }

    /// <summary>Above this many people a new course version is refreshed by a background job, not by the flush.</summary>
    public const int InlineCourseRefresh = 5000;

    public async Task FlushAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var staff = Drain(people);
        var workshopSessions = Drain(sessions);
        var changedCourses = Drain(courses);
        if (staff.Count == 0 && workshopSessions.Count == 0 && changedCourses.Count == 0)
        {
            return;
        }

        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<ReadModelWriter>();
        try
        {
            foreach (var course in changedCourses)
            {
                // Usually nobody yet (a first publish) or a team's worth: refreshed now with the rest; a whole city by a job.
                var enrolled = await scope.ServiceProvider.GetRequiredService<Data.ReportingDbContext>().Enrolments
                    .Where(e => e.CourseId == course).Select(e => e.StaffId).Take(InlineCourseRefresh + 1).ToListAsync(cancellationToken);
                if (enrolled.Count > InlineCourseRefresh)
                {
                    jobs.Enqueue<RefreshCourseJob>(job => job.RunAsync(course, CancellationToken.None));
                }
                else
                {
                    staff.AddRange(enrolled);
                }
            }

            if (staff.Count > 0)
            {
                await writer.RefreshPeopleAsync(staff, cancellationToken);
            }

            if (workshopSessions.Count > 0)
            {
                await writer.RefreshSessionsAsync(workshopSessions, cancellationToken);
            }
        }
        catch
        {
            // Not lost: back in the queue for the next flush (and the nightly rebuild is the last resort).
            People(staff);
            foreach (var id in workshopSessions)
            {
                Session(id);
            }

            foreach (var id in changedCourses)
            {
                Course(id);
            }

            throw;
        }
    }

    private static List<Guid> Drain(ConcurrentDictionary<Guid, byte> set)
    {
        var ids = new List<Guid>();
        foreach (var id in set.Keys)
        {
            if (set.TryRemove(id, out _))
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}

/// <summary>Everyone enrolled in a course whose new version may change what is required.</summary>
internal sealed class RefreshCourseJob(Data.ReportingDbContext db, ReadModelWriter writer)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var staff = await db.Enrolments.Where(e => e.CourseId == courseId).Select(e => e.StaffId).ToListAsync(cancellationToken);
        await writer.RefreshPeopleAsync(staff, cancellationToken);
    }
}

/// <summary>Every event that changes what a report shows marks the people (or session) concerned.</summary>
internal sealed class ReportingEvents(ReportingQueue queue) :
    INotificationHandler<StaffRegistered>,
    INotificationHandler<StaffChanged>,
    INotificationHandler<EnrolmentsChanged>,
    INotificationHandler<ActivityCompleted>,
    INotificationHandler<CourseCompleted>,
    INotificationHandler<ActivityCompletionReversed>,
    INotificationHandler<SurveySubmitted>,
    INotificationHandler<BadgeAwarded>,
    INotificationHandler<BadgeRevoked>,
    INotificationHandler<CertificateIssued>,
    INotificationHandler<CertificateRevoked>,
    INotificationHandler<WorkshopCompleted>,
    INotificationHandler<WorkshopSignOffReversed>,
    INotificationHandler<WorkshopSessionCancelled>,
    INotificationHandler<CoursePublished>
{
    public Task Handle(StaffRegistered notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(StaffChanged notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(EnrolmentsChanged notification, CancellationToken cancellationToken)
    {
        queue.People(notification.StaffIds);
        return Task.CompletedTask;
    }

    public Task Handle(ActivityCompleted notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(CourseCompleted notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(ActivityCompletionReversed notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(SurveySubmitted notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(BadgeAwarded notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(BadgeRevoked notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(CertificateIssued notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(CertificateRevoked notification, CancellationToken cancellationToken) => Mark(notification.StaffId);

    public Task Handle(WorkshopCompleted notification, CancellationToken cancellationToken)
    {
        if (notification.SessionId is { } session)
        {
            queue.Session(session);
        }

        return Mark(notification.StaffId);
    }

    public Task Handle(WorkshopSignOffReversed notification, CancellationToken cancellationToken)
    {
        queue.Session(notification.SessionId);
        return Mark(notification.StaffId);
    }

    public Task Handle(WorkshopSessionCancelled notification, CancellationToken cancellationToken)
    {
        queue.Session(notification.SessionId);
        return Task.CompletedTask;
    }

    public Task Handle(CoursePublished notification, CancellationToken cancellationToken)
    {
        queue.Course(notification.CourseId);
        return Task.CompletedTask;
    }

    private Task Mark(Guid staffId)
    {
        queue.Person(staffId);
        return Task.CompletedTask;
    }
}
