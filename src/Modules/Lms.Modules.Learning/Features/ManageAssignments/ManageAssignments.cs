using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Learning.Data;
using Lms.Modules.Learning.Features.SyncEnrolments;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Learning.Features.ManageAssignments;

/// <summary>Assign a course (or change an assignment's audience and due date). Enrolments follow within seconds.</summary>
internal sealed record SaveAssignment(Guid? Id, Guid CourseId, AssignmentAudience Audience, StaffTier? Tier, Guid? OrgUnitId, bool IncludeSubUnits, DateOnly? DueDate, string Actor)
    : IRequest<string?>;

/// <summary>Remove an assignment: people it alone covered are withdrawn unless they completed (their history stays).</summary>
internal sealed record RemoveAssignment(Guid Id) : IRequest<bool>;

internal sealed class ManageAssignmentsHandler(LearningDbContext db, IMediator mediator, EnrolmentSyncQueue queue, IStringLocalizer<LearningStrings> T, TimeProvider clock) :
    IRequestHandler<SaveAssignment, string?>,
    IRequestHandler<RemoveAssignment, bool>
{
    /// <returns>Null when saved, else what is wrong (in the user's language); nothing is saved then.</returns>
    public async Task<string?> Handle(SaveAssignment request, CancellationToken cancellationToken)
    {
        if ((await mediator.Send(new GetPublishedCourses([request.CourseId]), cancellationToken)).Count == 0)
        {
            return T["Choose a published course."];
        }

        if (request.Audience == AssignmentAudience.Tier && request.Tier is null)
        {
            return T["Choose the tier the course is for."];
        }

        if (request.Audience == AssignmentAudience.OrgUnit &&
            (request.OrgUnitId is not { } unit || !(await mediator.Send(new GetOrgUnits(), cancellationToken)).Any(u => u.Id == unit)))
        {
            return T["Choose the org unit the course is for."];
        }

        var now = clock.GetUtcNow();
        var assignment = request.Id is { } id ? await db.Assignments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        if (request.Id is not null && assignment is null)
        {
            return T["This assignment no longer exists."];
        }

        if (assignment is null)
        {
            assignment = new Assignment { Id = Guid.CreateVersion7(), CreatedAt = now, CreatedBy = request.Actor };
            db.Assignments.Add(assignment);
        }

        assignment.CourseId = request.CourseId;
        assignment.Audience = request.Audience;
        assignment.Tier = request.Audience == AssignmentAudience.Tier ? request.Tier : null;
        assignment.OrgUnitId = request.Audience == AssignmentAudience.OrgUnit ? request.OrgUnitId : null;
        assignment.IncludeSubUnits = request.IncludeSubUnits;
        assignment.DueDate = request.DueDate;
        assignment.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        queue.AddEveryone();
        return null;
    }

    public async Task<bool> Handle(RemoveAssignment request, CancellationToken cancellationToken)
    {
        var removed = await db.Assignments.Where(a => a.Id == request.Id).ExecuteDeleteAsync(cancellationToken) == 1;
        if (removed)
        {
            queue.AddEveryone();
        }

        return removed;
    }
}
