using Lms.Contracts.Courses;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Modules.Courses.Features.GetPublishedCourses;

/// <summary>
/// Published versions never change, so each is read from the database once per process. A page
/// asking for its courses costs one small query (which version is current) plus, rarely, one more.
/// </summary>
internal sealed class PublishedVersionCache(IMemoryCache cache)
{
    public bool TryGet(Guid courseId, int version, out PublishedCourse? course) => cache.TryGetValue((nameof(PublishedVersionCache), courseId, version), out course);

    public void Add(PublishedCourse course) =>
        cache.Set((nameof(PublishedVersionCache), course.Id, course.Version), course, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(6) });
}

internal sealed class GetPublishedCoursesHandler(CoursesDbContext db, PublishedVersionCache cache) :
    IRequestHandler<Contracts.Courses.GetPublishedCourses, IReadOnlyList<PublishedCourse>>,
    IRequestHandler<FindCourseOfActivity, PublishedCourse?>
{
    public async Task<IReadOnlyList<PublishedCourse>> Handle(Contracts.Courses.GetPublishedCourses request, CancellationToken cancellationToken)
    {
        var query = db.Courses.AsNoTracking().Where(c => c.PublishedVersion != null && c.Status != CourseStatus.Archived);
        if (request.CourseIds is { } ids)
        {
            var wanted = ids.Distinct().ToList();
            query = query.Where(c => wanted.Contains(c.Id));
        }

        var heads = await query.OrderBy(c => c.Key).ThenBy(c => c.Title)
            .Select(c => new { c.Id, c.Key, Version = c.PublishedVersion!.Value }).ToListAsync(cancellationToken);
        var found = new Dictionary<Guid, PublishedCourse>();
        foreach (var head in heads)
        {
            if (cache.TryGet(head.Id, head.Version, out var cached) && cached is not null)
            {
                found[head.Id] = cached;
            }
        }

        var missing = heads.Where(h => !found.ContainsKey(h.Id)).Select(h => h.Id).ToList();
        if (missing.Count > 0)
        {
            var versions = await db.Versions.AsNoTracking()
                .Where(v => missing.Contains(v.CourseId) && db.Courses.Any(c => c.Id == v.CourseId && c.PublishedVersion == v.Version))
                .ToListAsync(cancellationToken);
            foreach (var version in versions)
            {
                var key = heads.First(h => h.Id == version.CourseId).Key;
                var course = CourseContent.FromJson(version.ContentJson).ToPublished(version.CourseId, key, version.Version, version.PublishedAt);
                cache.Add(course);
                found[course.Id] = course;
            }
        }

        var result = heads.Where(h => found.ContainsKey(h.Id)).Select(h => found[h.Id]).ToList();
        return result;
    }

    public async Task<PublishedCourse?> Handle(FindCourseOfActivity request, CancellationToken cancellationToken) =>
        (await Handle(new Contracts.Courses.GetPublishedCourses(), cancellationToken)).FirstOrDefault(c => c.FindActivity(request.ActivityId) is not null);
}
