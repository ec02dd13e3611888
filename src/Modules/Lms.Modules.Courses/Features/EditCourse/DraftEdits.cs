using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Lms.Modules.Courses.Domain;
using Lms.Modules.Courses.Recipes;

namespace Lms.Modules.Courses.Features.EditCourse;

/// <summary>The changes an author can make to a draft's outline. Each returns what is wrong, or nothing.</summary>
internal static class DraftEdits
{
    private static readonly CourseProblem Gone = new("This part of the course no longer exists. Reload the page.");

    public static IEnumerable<CourseProblem> Details(RecipeCourse course, string? title, string? summary, IReadOnlyCollection<StaffTier> tiers, int minutes, string? cover, bool sequential)
    {
        course.Title = (title ?? "").Trim();
        course.Summary = (summary ?? "").Trim();
        course.Tiers = tiers.Distinct().Order().Select(t => t.ToApiValue()).ToList();
        course.EstimatedMinutes = minutes;
        course.CoverImageUrl = string.IsNullOrWhiteSpace(cover) ? null : cover.Trim();
        course.Sequential = sequential;
        return [];
    }

    public static IEnumerable<CourseProblem> AddSection(RecipeCourse course, string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return [new("The section needs a title.")];
        }

        course.Sections.Add(new RecipeSection { Key = ContentKeys.New("section"), Title = title.Trim() });
        return [];
    }

    public static IEnumerable<CourseProblem> EditSection(RecipeCourse course, string key, string? title, string? summary)
    {
        if (course.Sections.FirstOrDefault(s => s.Key == key) is not { } section)
        {
            return [Gone];
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return [new("The section needs a title.")];
        }

        (section.Title, section.Summary) = (title.Trim(), string.IsNullOrWhiteSpace(summary) ? null : summary.Trim());
        return [];
    }

    public static IEnumerable<CourseProblem> DeleteSection(RecipeCourse course, string key)
    {
        if (course.Sections.FirstOrDefault(s => s.Key == key) is not { } section)
        {
            return [Gone];
        }

        if (section.Activities.Count > 0)
        {
            return [new("Move or delete the activities of section \"{0}\" first.", section.Title)];
        }

        course.Sections.Remove(section);
        return [];
    }

    public static IEnumerable<CourseProblem> AddActivity(RecipeCourse course, string sectionKey, ActivityKind kind, string? title, out string key)
    {
        key = ContentKeys.New(kind.ToString().ToLowerInvariant());
        if (course.Sections.FirstOrDefault(s => s.Key == sectionKey) is not { } section)
        {
            return [Gone];
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return [new("The activity needs a title.")];
        }

        var activity = new RecipeActivity { Key = key, Kind = kind.ToString().ToLowerInvariant(), Title = title.Trim(), EstimatedMinutes = 10 };
        if (kind == ActivityKind.Workshop)
        {
            (activity.DurationMinutes, activity.EstimatedMinutes) = (120, 120);
        }

        section.Activities.Add(activity);
        return [];
    }

    /// <summary>Replaces an activity with its edited form; the activity is checked in full, as publishing would.</summary>
    public static IEnumerable<CourseProblem> SaveActivity(RecipeCourse course, RecipeActivity edited)
    {
        var section = course.Sections.FirstOrDefault(s => s.Activities.Any(a => a.Key == edited.Key));
        if (section is null)
        {
            return [Gone];
        }

        var problems = CourseRules.Check(edited.ToActivity("course:" + course.Key)).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        section.Activities[section.Activities.FindIndex(a => a.Key == edited.Key)] = edited;
        return [];
    }

    public static IEnumerable<CourseProblem> DeleteActivity(RecipeCourse course, string key)
    {
        var section = course.Sections.FirstOrDefault(s => s.Activities.Any(a => a.Key == key));
        if (section is null)
        {
            return [Gone];
        }

        section.Activities.RemoveAll(a => a.Key == key);
        return [];
    }

    /// <summary>One step up (-1) or down (+1); past the start or end of its section it moves into the neighbouring one (the keyboard way to drag).</summary>
    public static IEnumerable<CourseProblem> MoveActivity(RecipeCourse course, string key, int delta)
    {
        var index = course.Sections.FindIndex(s => s.Activities.Any(a => a.Key == key));
        if (index < 0)
        {
            return [Gone];
        }

        var section = course.Sections[index];
        var position = section.Activities.FindIndex(a => a.Key == key);
        var activity = section.Activities[position];
        var target = position + Math.Sign(delta);
        if (target >= 0 && target < section.Activities.Count)
        {
            (section.Activities[position], section.Activities[target]) = (section.Activities[target], activity);
        }
        else if (index + Math.Sign(delta) is var neighbour && neighbour >= 0 && neighbour < course.Sections.Count)
        {
            section.Activities.RemoveAt(position);
            var other = course.Sections[neighbour].Activities;
            other.Insert(delta < 0 ? other.Count : 0, activity);
        }

        return [];
    }

    public static IEnumerable<CourseProblem> MoveSection(RecipeCourse course, string key, int delta)
    {
        var index = course.Sections.FindIndex(s => s.Key == key);
        if (index < 0)
        {
            return [Gone];
        }

        var target = index + Math.Sign(delta);
        if (target >= 0 && target < course.Sections.Count)
        {
            (course.Sections[index], course.Sections[target]) = (course.Sections[target], course.Sections[index]);
        }

        return [];
    }

    /// <summary>
    /// The whole outline in a new order (what drag and drop sends): every section and activity of the
    /// draft exactly once, or nothing changes.
    /// </summary>
    public static IEnumerable<CourseProblem> Reorder(RecipeCourse course, IReadOnlyList<(string Section, IReadOnlyList<string> Activities)> layout)
    {
        var sections = course.Sections.ToDictionary(s => s.Key);
        var activities = course.Sections.SelectMany(s => s.Activities).ToDictionary(a => a.Key);
        var sameSections = layout.Select(l => l.Section).Order().SequenceEqual(sections.Keys.Order());
        var sameActivities = layout.SelectMany(l => l.Activities).Order().SequenceEqual(activities.Keys.Order());
        if (!sameSections || !sameActivities)
        {
            return [new("The outline was changed by someone else while you were arranging it. Reload the page.")];
        }

        course.Sections = layout.Select(l =>
        {
            var section = sections[l.Section];
            section.Activities = l.Activities.Select(a => activities[a]).ToList();
            return section;
        }).ToList();
        return [];
    }
}
