using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Modules.Learning.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Learning.Features.SignOffWorkshop;

internal sealed class GetWorkshopEnrolmentsHandler(LearningDbContext db, IMediator mediator) : IRequestHandler<GetWorkshopEnrolments, IReadOnlyList<WorkshopEnrolment>>
{
    public async Task<IReadOnlyList<WorkshopEnrolment>> Handle(GetWorkshopEnrolments request, CancellationToken cancellationToken)
    {
        // One query (the home page asks on every visit): the enrolments with their completed workshops.
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.StaffId == request.StaffId && e.WithdrawnAt == null)
            .Select(e => new
            {
                e.CourseId,
                e.DueDate,
                Done = db.Completions.Where(c => c.StaffId == e.StaffId && c.CourseId == e.CourseId && c.Kind == ActivityKind.Workshop).Select(c => c.ActivityId).ToList(),
            })
            .ToListAsync(cancellationToken);
        if (enrolments.Count == 0)
        {
            return [];
        }

        var courses = (await mediator.Send(new GetPublishedCourses(), cancellationToken)).ToDictionary(c => c.Id);
        return enrolments.Where(e => courses.ContainsKey(e.CourseId))
            .SelectMany(e => courses[e.CourseId].Activities.Where(a => a.Workshop is not null)
                .Select(a => new WorkshopEnrolment(a.Id, e.CourseId, e.Done.Contains(a.Id), e.DueDate)))
            .ToList();
    }
}

internal sealed class GetWorkshopCompletionsHandler(LearningDbContext db) : IRequestHandler<GetWorkshopCompletions, IReadOnlyList<WorkshopCompletion>>
{
    public async Task<IReadOnlyList<WorkshopCompletion>> Handle(GetWorkshopCompletions request, CancellationToken cancellationToken) =>
        (await db.Completions.AsNoTracking().Where(c => c.Kind == ActivityKind.Workshop)
            .Select(c => new WorkshopCompletion(c.StaffId, c.ActivityId, c.CompletedAt)).ToListAsync(cancellationToken))
        .OrderBy(c => c.CompletedAt).ToList();
}
