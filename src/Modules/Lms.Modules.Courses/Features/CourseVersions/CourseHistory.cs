using System.Text;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Courses.Data;
using Lms.Modules.Courses.Domain;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Courses.Features.CourseVersions;

public sealed record VersionRow(int Version, DateTimeOffset PublishedAt, string? PublishedBy, string Title, bool IsCurrent);

/// <param name="Kind">' ' unchanged, '+' added, '-' removed.</param>
public sealed record DiffLine(char Kind, string Text);

/// <param name="Where">What changed: "Course", a section or an activity title.</param>
/// <param name="Field">The English field name (a resource key): "Title", "Body", ...</param>
public sealed record FieldChange(string Where, string Field, IReadOnlyList<DiffLine> Lines);

/// <summary>
/// The versions of a course and what changed between two of them (or between a version and the
/// draft, version 0): the outline, then each field of each activity that is in both, line by line.
/// </summary>
public sealed class CourseHistory(CoursesDbContext db)
{
    public const int Draft = 0;

    public async Task<IReadOnlyList<VersionRow>> VersionsAsync(Guid courseId, CancellationToken cancellationToken)
    {
        var current = await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => c.PublishedVersion).FirstOrDefaultAsync(cancellationToken);
        var versions = await db.Versions.AsNoTracking().Where(v => v.CourseId == courseId).OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.PublishedAt, v.PublishedBy, v.ContentJson }).ToListAsync(cancellationToken);
        return versions.Select(v => new VersionRow(v.Version, v.PublishedAt, v.PublishedBy, CourseContent.FromJson(v.ContentJson).Title, v.Version == current)).ToList();
    }

    /// <returns>Null when either side does not exist.</returns>
    public async Task<IReadOnlyList<FieldChange>?> CompareAsync(Guid courseId, int from, int to, CancellationToken cancellationToken)
    {
        var left = await LoadAsync(courseId, from, cancellationToken);
        var right = await LoadAsync(courseId, to, cancellationToken);
        return left is null || right is null ? null : Compare(left, right);
    }

    private async Task<CourseContent?> LoadAsync(Guid courseId, int version, CancellationToken cancellationToken)
    {
        var json = version == Draft
            ? await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => c.DraftJson).FirstOrDefaultAsync(cancellationToken)
            : await db.Versions.AsNoTracking().Where(v => v.CourseId == courseId && v.Version == version).Select(v => v.ContentJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : CourseContent.FromJson(json);
    }

    internal static IReadOnlyList<FieldChange> Compare(CourseContent from, CourseContent to)
    {
        var changes = new List<FieldChange>();
        void Add(string where, string field, string? a, string? b)
        {
            if ((a ?? "") != (b ?? ""))
            {
                changes.Add(new FieldChange(where, field, Lines(a ?? "", b ?? "")));
            }
        }

        Add("Course", "Title", from.Title, to.Title);
        Add("Course", "Summary", from.Summary, to.Summary);
        Add("Course", "Settings", Settings(from), Settings(to));
        Add("Course", "Outline", Outline(from), Outline(to));

        var before = from.Sections.SelectMany(s => s.Activities).ToDictionary(a => a.Key);
        foreach (var activity in to.Sections.SelectMany(s => s.Activities).Where(a => before.ContainsKey(a.Key)))
        {
            var old = before[activity.Key];
            foreach (var (field, text) in Fields(activity).Zip(Fields(old), (n, o) => (n.Field, (New: n.Text, Old: o.Text))))
            {
                Add(activity.Title, field, text.Old, text.New);
            }
        }

        return changes;
    }

    private static string Settings(CourseContent c) =>
        $"{string.Join(", ", c.Tiers.Select(t => t.ToApiValue()))}\n{c.EstimatedMinutes} min\nsequential: {c.Sequential}\ncover: {c.CoverImageUrl}";

    private static string Outline(CourseContent c)
    {
        var text = new StringBuilder();
        foreach (var s in c.Sections)
        {
            text.Append("■ ").AppendLine(s.Title);
            foreach (var a in s.Activities)
            {
                text.Append("    ").Append(a.Title).Append(" [").Append(a.Kind.ToString().ToLowerInvariant()).Append(a.Required ? "" : ", optional").AppendLine("]");
            }
        }

        return text.ToString();
    }

    /// <summary>Each activity as the same list of named texts, whatever its kind, so two versions line up field by field.</summary>
    private static IEnumerable<(string Field, string Text)> Fields(PublishedActivity a)
    {
        yield return ("Title", a.Title);
        yield return ("Settings", $"{a.EstimatedMinutes} min, {(a.Required ? "required" : "optional")}");
        yield return ("Body", a.Lesson?.Body ?? a.Workshop?.Description ?? a.Reflection?.Prompt ?? a.Quiz?.Intro ?? a.Survey?.Intro ?? "");
        yield return ("Links", a.Lesson is { } l ? $"{l.VideoUrl}\n{l.AttachmentUrl} {l.AttachmentName}".Trim() : "");
        yield return ("Facilitator notes", a.Workshop?.FacilitatorNotes ?? "");
        yield return ("Questions", a.Quiz is { } q ? Questions(q) : "");
        yield return ("Survey items", a.Survey is { } s ? string.Join("\n", s.Items.Select(i => i.Text)) : "");
    }

    private static string Questions(QuizContent quiz)
    {
        var text = new StringBuilder().Append("pass ").Append(quiz.PassPercent).Append("%, attempts ").Append(quiz.AttemptsAllowed).AppendLine();
        foreach (var question in quiz.Questions)
        {
            text.Append("Q. ").AppendLine(question.Text);
            foreach (var option in question.Options)
            {
                text.Append(option.Correct ? "   ✓ " : "   ・ ").Append(option.Text);
                text.AppendLine(string.IsNullOrEmpty(option.Feedback) ? "" : $" — {option.Feedback}");
            }
        }

        return text.ToString();
    }

    /// <summary>A line diff with long unchanged stretches folded to two lines of context on each side ("…").</summary>
    private static List<DiffLine> Lines(string from, string to)
    {
        const int context = 2;
        var lines = InlineDiffBuilder.Diff(from, to, ignoreWhiteSpace: false).Lines
            .Select(l => new DiffLine(l.Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' }, l.Text ?? ""))
            .ToList();
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != ' ')
            {
                for (var j = Math.Max(0, i - context); j <= Math.Min(lines.Count - 1, i + context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var folded = new List<DiffLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                folded.Add(lines[i]);
            }
            else if (folded.Count == 0 || folded[^1].Text != "…")
            {
                folded.Add(new DiffLine(' ', "…"));
            }
        }

        return folded;
    }
}
