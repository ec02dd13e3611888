using Lms.Contracts.Courses;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.EditCourse;

internal sealed class GetCourseDraftHandler(CoursesDbContext db, TimeProvider clock) : IRequestHandler<GetCourseDraft, PublishedCourse?>
{
    public async Task<PublishedCourse?> Handle(GetCourseDraft request, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == request.CourseId)
            .Select(c => new { c.Id, c.Key, c.DraftJson }).FirstOrDefaultAsync(cancellationToken);
        return course is null ? null : CourseContent.FromJson(course.DraftJson).ToPublished(course.Id, course.Key, 0, clock.GetUtcNow());
    }
}
