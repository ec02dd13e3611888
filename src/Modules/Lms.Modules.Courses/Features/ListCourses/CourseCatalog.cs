using Lms.Contracts.Organization;
using Lms.Modules.Courses.Data;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.ListCourses;

/// <summary>Filters of the course list; "review" means an author asked for the draft to be published.</summary>
public sealed record CourseFilter(string? Status = null, string? Tier = null, string? UpdatedBy = null, string? Search = null);

/// <param name="Status">draft (never published), published or archived.</param>
/// <param name="HasUnpublishedChanges">The draft differs from what learners see.</param>
public sealed record CourseRow(
    Guid Id, string Key, string Title, string Status, IReadOnlyList<string> Tiers, int? PublishedVersion, int DraftRevision,
    bool HasUnpublishedChanges, bool ReviewRequested, string? ReviewRequestedBy, DateTimeOffset UpdatedAt, string? UpdatedBy);

public sealed class CourseCatalog(CoursesDbContext db)
{
    public static readonly string[] Statuses = ["draft", "published", "archived", "changed", "review"];

    public async Task<IReadOnlyList<CourseRow>> ListAsync(CourseFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Courses.AsNoTracking();
        query = filter.Status switch
        {
            "draft" => query.Where(c => c.Status == CourseStatus.Draft),
            "published" => query.Where(c => c.Status == CourseStatus.Published),
            "archived" => query.Where(c => c.Status == CourseStatus.Archived),
            "changed" => query.Where(c => c.Status != CourseStatus.Archived && (c.PublishedRevision == null || c.PublishedRevision != c.DraftRevision)),
            "review" => query.Where(c => c.ReviewRequestedAt != null),
            _ => query,
        };
        if (StaffTierNames.TryParse(filter.Tier, out var tier))
        {
            var needle = "," + tier.ToApiValue() + ",";
            query = query.Where(c => c.Tiers.Contains(needle));
        }

        if (!string.IsNullOrWhiteSpace(filter.UpdatedBy))
        {
            query = query.Where(c => c.UpdatedBy == filter.UpdatedBy);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim();
            query = query.Where(c => c.Title.Contains(search) || (c.Key != null && c.Key.Contains(search)));
        }

        var rows = await query.OrderBy(c => c.Status == CourseStatus.Archived).ThenBy(c => c.Title)
            .Select(c => new { c.Id, c.Key, c.Title, c.Status, c.Tiers, c.PublishedVersion, c.PublishedRevision, c.DraftRevision, c.ReviewRequestedAt, c.ReviewRequestedBy, c.UpdatedAt, c.UpdatedBy })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new CourseRow(
            c.Id, c.Key ?? "", c.Title, c.Status.ToString().ToLowerInvariant(), c.Tiers.Split(',', StringSplitOptions.RemoveEmptyEntries),
            c.PublishedVersion, c.DraftRevision, c.Status != CourseStatus.Archived && c.PublishedRevision != c.DraftRevision,
            c.ReviewRequestedAt is not null, c.ReviewRequestedBy, c.UpdatedAt, c.UpdatedBy)).ToList();
    }

    /// <summary>Who has edited courses, for the "updated by" filter.</summary>
    public async Task<IReadOnlyList<string>> EditorsAsync(CancellationToken cancellationToken) =>
        await db.Courses.AsNoTracking().Where(c => c.UpdatedBy != null).Select(c => c.UpdatedBy!).Distinct().OrderBy(u => u).ToListAsync(cancellationToken);
}
