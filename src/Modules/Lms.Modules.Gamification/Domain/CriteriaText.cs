using Lms.Contracts.Courses;
using Lms.Contracts.Organization;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Domain;

/// <summary>Checks criteria before they are saved, and says in words what earns a badge.</summary>
internal sealed class CriteriaText(IStringLocalizer<GamificationStrings> T)
{
    private const int MaxDepth = 3;

    /// <summary>Every reason the criterion cannot be saved, in the reader's language (empty when it is sound).</summary>
    public IReadOnlyList<string> Problems(BadgeCriterion criterion, CourseCatalog catalog)
    {
        var problems = new List<string>();
        Check(criterion, catalog, 1, problems);
        return problems.Distinct().ToList();
    }

    private void Check(BadgeCriterion c, CourseCatalog catalog, int depth, List<string> problems)
    {
        switch (c.Kind)
        {
            case CriterionKinds.Workshop:
                if (c.Activity is not { } activity || catalog.Activity(activity) is not { Activity.Kind: ActivityKind.Workshop })
                {
                    problems.Add(T["Choose a workshop of a published course."]);
                }

                break;
            case CriterionKinds.Course:
                if (c.Course is not { } course || catalog.Course(course) is null)
                {
                    problems.Add(T["Choose a published course."]);
                }

                break;
            case CriterionKinds.TierWorkshops:
                if (c.Tier is not { } tier)
                {
                    problems.Add(T["Choose a tier."]);
                }
                else if (catalog.TierWorkshops(tier).Count == 0)
                {
                    problems.Add(T["No published course of this tier has a workshop."]);
                }

                break;
            case CriterionKinds.Programme:
                if (!catalog.Courses.Any(x => catalog.InProgramme(x.Id)))
                {
                    problems.Add(T["No published course belongs to the programme."]);
                }

                break;
            case CriterionKinds.Points:
                if (c.Points is not (>= 1 and <= 1_000_000))
                {
                    problems.Add(T["A points threshold is between 1 and 1,000,000."]);
                }

                break;
            case CriterionKinds.AllOf or CriterionKinds.AnyOf:
                if (depth >= MaxDepth)
                {
                    problems.Add(T["Combinations can be nested at most two deep."]);
                }
                else if (c.Of is not { Count: >= 1 and <= 20 })
                {
                    problems.Add(T["A combination needs between one and twenty conditions."]);
                }
                else
                {
                    foreach (var part in c.Of)
                    {
                        Check(part, catalog, depth + 1, problems);
                    }
                }

                break;
            default:
                problems.Add(T["Unknown kind of criterion."]);
                break;
        }
    }

    /// <summary>The criterion in a sentence, e.g. 「ワークショップ『ペルソナと…』を修了する」.</summary>
    public string Describe(BadgeCriterion c, CourseCatalog catalog) => c.Kind switch
    {
        CriterionKinds.Workshop => T["Complete the workshop “{0}”", c.Activity is { } a && catalog.Activity(a) is { } found ? found.Activity.Title : "?"],
        CriterionKinds.Course => T["Complete the course “{0}”", c.Course is { } id && catalog.Course(id) is { } course ? course.Title : "?"],
        CriterionKinds.TierWorkshops => T["Complete every workshop for {0}", TierName(c.Tier)],
        CriterionKinds.Programme => T["Complete the whole Step-0 programme (every course of it one is enrolled in)"],
        CriterionKinds.Points => T["Reach {0} points", c.Points ?? 0],
        CriterionKinds.AllOf => T["All of: {0}", string.Join(T[" / "], (c.Of ?? []).Select(p => Describe(p, catalog)))],
        CriterionKinds.AnyOf => T["Any of: {0}", string.Join(T[" / "], (c.Of ?? []).Select(p => Describe(p, catalog)))],
        _ => "?",
    };

    public string TierName(StaffTier? tier) => tier switch
    {
        StaffTier.Executive => T["executives"],
        StaffTier.Manager => T["managers"],
        StaffTier.General => T["general staff"],
        _ => "?",
    };
}
