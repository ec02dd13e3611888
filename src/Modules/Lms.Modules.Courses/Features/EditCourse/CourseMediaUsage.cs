using Lms.Contracts.Media;
using Lms.Modules.Courses.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.EditCourse;

/// <summary>Where the media library's files appear in courses: current drafts and the versions learners get.</summary>
internal sealed class CourseMediaUsage(CoursesDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<CoursesStrings> T) : IMediaUsageProvider
{
    public async Task<IReadOnlyList<MediaUsage>> FindUsagesAsync(Guid mediaId, CancellationToken cancellationToken)
    {
        // Files are linked as /media/{id}/{name}; the id alone is enough to find them in the documents.
        var needle = $"/media/{mediaId}";
        var drafts = await db.Courses.AsNoTracking().Where(c => c.DraftJson.Contains(needle))
            .Select(c => new { c.Id, c.Title }).ToListAsync(cancellationToken);
        var published = await db.Versions.AsNoTracking()
            .Where(v => v.ContentJson.Contains(needle) && db.Courses.Any(c => c.Id == v.CourseId && c.PublishedVersion == v.Version && c.Status != CourseStatus.Archived))
            .Join(db.Courses, v => v.CourseId, c => c.Id, (v, c) => new { c.Id, c.Title, v.Version }).ToListAsync(cancellationToken);
        return drafts.Select(d => new MediaUsage("course", T["Course \"{0}\" (draft)", d.Title], $"/admin/courses/{d.Id}", false))
            .Concat(published.Select(p => new MediaUsage("course", T["Course \"{0}\" (version {1}, seen by learners)", p.Title, p.Version], $"/admin/courses/{p.Id}", true)))
            .ToList();
    }
}
