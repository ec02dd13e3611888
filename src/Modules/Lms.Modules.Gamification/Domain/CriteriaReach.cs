namespace Lms.Modules.Gamification.Domain;

/// <summary>
/// Whether a person can still earn a badge through the courses they are enrolled in: an executive's
/// workshop badge is noise on a general staff member's page ("badges you can earn" lists only these).
/// </summary>
internal static class CriteriaReach
{
    public static bool Reachable(BadgeCriterion criterion, IReadOnlySet<Guid> enrolledCourses, CourseCatalog catalog) => criterion.Kind switch
    {
        CriterionKinds.Workshop => criterion.Activity is { } a && catalog.Activity(a) is { } found && enrolledCourses.Contains(found.Course.Id),
        CriterionKinds.Course => criterion.Course is { } c && enrolledCourses.Contains(c),
        CriterionKinds.TierWorkshops => criterion.Tier is { } tier
            && catalog.Courses.Where(x => x.Tiers.Contains(tier)).Any(x => enrolledCourses.Contains(x.Id)),
        CriterionKinds.Programme => enrolledCourses.Any(catalog.InProgramme),
        CriterionKinds.Points => true,
        CriterionKinds.AllOf => (criterion.Of ?? []).All(p => Reachable(p, enrolledCourses, catalog)),
        CriterionKinds.AnyOf => (criterion.Of ?? []).Any(p => Reachable(p, enrolledCourses, catalog)),
        _ => false,
    };
}
