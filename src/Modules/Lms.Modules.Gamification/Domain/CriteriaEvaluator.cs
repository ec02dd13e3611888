using Lms.Contracts.Courses;
using Lms.Contracts.Learning;
using Lms.Contracts.Organization;

namespace Lms.Modules.Gamification.Domain;

/// <summary>What one person has done, as far as badges are concerned.</summary>
internal sealed class PersonFacts(Guid staffId, IEnumerable<LearnerCompletion> completions, IEnumerable<LearnerEnrolment> enrolments, int points)
{
    public Guid StaffId { get; } = staffId;
    public int Points { get; } = points;
    public IReadOnlyDictionary<Guid, LearnerCompletion> Completions { get; } =
        completions.GroupBy(c => c.ActivityId).ToDictionary(g => g.Key, g => g.MinBy(c => c.CompletedAt)!);
    public IReadOnlyDictionary<Guid, LearnerEnrolment> Enrolments { get; } =
        enrolments.GroupBy(e => e.CourseId).ToDictionary(g => g.Key, g => g.First());
}

/// <summary>The published courses, looked up the ways criteria need them.</summary>
internal sealed class CourseCatalog(IReadOnlyList<PublishedCourse> courses, string programmeKeyPrefix)
{
    public IReadOnlyList<PublishedCourse> Courses { get; } = courses;

    public string ProgrammeKeyPrefix { get; } = programmeKeyPrefix;

    public PublishedCourse? Course(Guid id) => Courses.FirstOrDefault(c => c.Id == id);

    public (PublishedCourse Course, PublishedActivity Activity)? Activity(Guid id)
    {
        foreach (var course in Courses)
        {
            if (course.FindActivity(id) is { } activity)
            {
                return (course, activity);
            }
        }

        return null;
    }

    /// <summary>The workshops of the courses meant for a tier (the courses everyone takes are not a tier's).</summary>
    public IReadOnlyList<PublishedActivity> TierWorkshops(StaffTier tier) =>
        Courses.Where(c => c.Tiers.Contains(tier)).SelectMany(c => c.Activities).Where(a => a.Kind == ActivityKind.Workshop).ToList();

    public bool InProgramme(Guid courseId) => Course(courseId)?.Key?.StartsWith(ProgrammeKeyPrefix, StringComparison.Ordinal) == true;
}

/// <summary>What earned a badge: the completion (or sign-off, or points total) that met the criteria.</summary>
internal sealed record AwardEvidence(string Kind, Guid? CourseId, Guid? ActivityId, Guid? SessionId, DateTimeOffset? At);

internal static class CriteriaEvaluator
{
    /// <summary>Whether the person meets the criterion, and the evidence: the latest fact that was needed.</summary>
    public static AwardEvidence? Evaluate(BadgeCriterion criterion, PersonFacts facts, CourseCatalog catalog)
    {
        switch (criterion.Kind)
        {
            case CriterionKinds.Workshop:
                return criterion.Activity is { } activity && facts.Completions.TryGetValue(activity, out var done)
                    ? new AwardEvidence(EvidenceKinds.Workshop, done.CourseId, done.ActivityId, null, done.CompletedAt)
                    : null;
            case CriterionKinds.Course:
                return criterion.Course is { } course && facts.Enrolments.TryGetValue(course, out var enrolment) && enrolment.CompletedAt is { } completedAt
                    ? new AwardEvidence(EvidenceKinds.Course, course, null, null, completedAt)
                    : null;
            case CriterionKinds.TierWorkshops:
            {
                if (criterion.Tier is not { } tier)
                {
                    return null;
                }

                var workshops = catalog.TierWorkshops(tier);
                if (workshops.Count == 0 || !workshops.All(w => facts.Completions.ContainsKey(w.Id)))
                {
                    return null;
                }

                var last = workshops.Select(w => facts.Completions[w.Id]).MaxBy(c => c.CompletedAt)!;
                return new AwardEvidence(EvidenceKinds.Workshop, last.CourseId, last.ActivityId, null, last.CompletedAt);
            }

            case CriterionKinds.Programme:
            {
                var programme = facts.Enrolments.Values.Where(e => catalog.InProgramme(e.CourseId)).ToList();
                if (programme.Count == 0 || programme.Any(e => e.CompletedAt is null))
                {
                    return null;
                }

                var last = programme.MaxBy(e => e.CompletedAt)!;
                return new AwardEvidence(EvidenceKinds.Course, last.CourseId, null, null, last.CompletedAt);
            }

            case CriterionKinds.Points:
                return criterion.Points is { } threshold && facts.Points >= threshold
                    ? new AwardEvidence(EvidenceKinds.Points, null, null, null, null)
                    : null;
            case CriterionKinds.AllOf:
            {
                var parts = criterion.Of ?? [];
                if (parts.Count == 0)
                {
                    return null;
                }

                var evidence = new List<AwardEvidence>();
                foreach (var part in parts)
                {
                    if (Evaluate(part, facts, catalog) is not { } met)
                    {
                        return null;
                    }

                    evidence.Add(met);
                }

                // The part met last is what tipped it (a points total has no date: it is "now").
                return evidence.MaxBy(e => e.At ?? DateTimeOffset.MaxValue);
            }

            case CriterionKinds.AnyOf:
                return (criterion.Of ?? []).Select(p => Evaluate(p, facts, catalog)).Where(e => e is not null)
                    .MinBy(e => e!.At ?? DateTimeOffset.MaxValue);
            default:
                return null;
        }
    }
}

internal static class EvidenceKinds
{
    public const string Workshop = "workshop";
    public const string Course = "course";
    public const string Activity = "activity";
    public const string Points = "points";
    public const string Manual = "manual";
}
