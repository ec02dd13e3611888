using Lms.Contracts.Courses;
using MediatR;

namespace Lms.Modules.Workshops.Features.Shared;

/// <summary>A workshop activity as this module shows it: its course and title, from the published courses.</summary>
internal sealed record WorkshopInfo(Guid ActivityId, string Key, Guid CourseId, string CourseTitle, string Title, string? Description, int? DurationMinutes, IReadOnlyList<Contracts.Organization.StaffTier> CourseTiers);

/// <summary>The workshop activities of the published courses (read per request through the Courses contract).</summary>
public sealed class WorkshopCatalog(IMediator mediator)
{
    private IReadOnlyDictionary<Guid, WorkshopInfo>? all;

    internal async Task<IReadOnlyDictionary<Guid, WorkshopInfo>> AllAsync(CancellationToken cancellationToken)
    {
        if (all is null)
        {
            var courses = await mediator.Send(new GetPublishedCourses(), cancellationToken);
            all = courses.SelectMany(c => c.Activities.Where(a => a.Workshop is not null)
                    .Select(a => new WorkshopInfo(a.Id, a.Key, c.Id, c.Title, a.Title, a.Workshop!.Description, a.Workshop.DurationMinutes, c.Tiers)))
                .ToDictionary(w => w.ActivityId);
        }

        return all;
    }

    internal async Task<WorkshopInfo?> FindAsync(Guid activityId, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).GetValueOrDefault(activityId);
}
