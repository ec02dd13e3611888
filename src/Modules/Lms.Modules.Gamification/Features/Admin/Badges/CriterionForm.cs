using System.Globalization;
using System.Text;
using Lms.Contracts.Organization;
using Lms.Modules.Gamification.Domain;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Badges;

/// <summary>One condition as the form holds it: a kind and the field that kind needs (the others are ignored).</summary>
public sealed class CriterionSlot
{
    public string? Kind { get; set; }
    public Guid? Workshop { get; set; }
    public Guid? Course { get; set; }
    public string? Tier { get; set; }
    /// <summary>Text, so that what was typed comes back unchanged with its error.</summary>
    public string? Points { get; set; }
}

/// <summary>
/// Turns a criterion into form fields and back, without JavaScript: one kind chosen with its own field, or a
/// combination of up to <see cref="MaxParts"/> simple conditions. Deeper trees (which recipes may hold) are
/// not edited here; the page keeps them as they are.
/// </summary>
internal sealed class CriterionForm(CriteriaText text, IStringLocalizer<GamificationStrings> T)
{
    public const int MaxParts = 6;

    public static readonly IReadOnlyList<string> LeafKinds =
        [CriterionKinds.Workshop, CriterionKinds.Course, CriterionKinds.TierWorkshops, CriterionKinds.Programme, CriterionKinds.Points];

    public static readonly IReadOnlyList<string> Tiers = ["general", "manager", "executive"];

    /// <summary>Whether the form can show the criterion: a condition, or a combination of up to six simple ones.</summary>
    public static bool Fits(BadgeCriterion criterion) =>
        criterion.Kind is not (CriterionKinds.AllOf or CriterionKinds.AnyOf)
        || (criterion.Of is { Count: <= MaxParts } parts && parts.All(p => p.Kind is not (CriterionKinds.AllOf or CriterionKinds.AnyOf)));

    public static (CriterionSlot Main, List<CriterionSlot> Parts) ToSlots(BadgeCriterion criterion)
    {
        if (criterion.Kind is CriterionKinds.AllOf or CriterionKinds.AnyOf)
        {
            return (new CriterionSlot { Kind = criterion.Kind }, Padded((criterion.Of ?? []).Select(Slot).ToList()));
        }

        return (Slot(criterion), Padded([]));
    }

    /// <summary>Always <see cref="MaxParts"/> rows, so the form has room for new conditions.</summary>
    public static List<CriterionSlot> Padded(List<CriterionSlot>? parts)
    {
        var rows = (parts ?? []).Take(MaxParts).ToList();
        while (rows.Count < MaxParts)
        {
            rows.Add(new CriterionSlot());
        }

        return rows;
    }

    /// <summary>The criterion the form describes, or null with the problems added by field name (<c>Criterion.Kind</c>, <c>Parts[2].Workshop</c>...).</summary>
    public BadgeCriterion? Read(CriterionSlot main, IReadOnlyList<CriterionSlot> parts, CourseCatalog catalog, IDictionary<string, string> problems)
    {
        switch (main.Kind)
        {
            case null or "":
                problems["Criterion.Kind"] = T["Choose what earns the badge."];
                return null;
            case CriterionKinds.AllOf or CriterionKinds.AnyOf:
            {
                var used = parts.Select((part, index) => (Part: part, Index: index)).Where(x => !string.IsNullOrEmpty(x.Part.Kind)).ToList();
                if (used.Count == 0)
                {
                    problems["Parts"] = T["Choose at least one condition for the combination."];
                    return null;
                }

                var leaves = used.Select(x => ReadLeaf(x.Part, $"Parts[{x.Index}]", catalog, problems)).ToList();
                return leaves.Any(l => l is null) ? null : new BadgeCriterion { Kind = main.Kind, Of = leaves.Select(l => l!).ToList() };
            }

            default:
                return ReadLeaf(main, "Criterion", catalog, problems);
        }
    }

    private BadgeCriterion? ReadLeaf(CriterionSlot slot, string prefix, CourseCatalog catalog, IDictionary<string, string> problems)
    {
        string field;
        BadgeCriterion leaf;
        switch (slot.Kind)
        {
            case CriterionKinds.Workshop:
                field = prefix + ".Workshop";
                if (slot.Workshop is not { } workshop)
                {
                    problems[field] = T["Choose a workshop."];
                    return null;
                }

                leaf = BadgeCriterion.ForWorkshop(workshop);
                break;
            case CriterionKinds.Course:
                field = prefix + ".Course";
                if (slot.Course is not { } course)
                {
                    problems[field] = T["Choose a course."];
                    return null;
                }

                leaf = BadgeCriterion.ForCourse(course);
                break;
            case CriterionKinds.TierWorkshops:
                field = prefix + ".Tier";
                if (!Tiers.Contains(slot.Tier ?? "") || !StaffTierNames.TryParse(slot.Tier, out var tier))
                {
                    problems[field] = T["Choose a tier."];
                    return null;
                }

                leaf = BadgeCriterion.ForTierWorkshops(tier);
                break;
            case CriterionKinds.Programme:
                field = prefix + ".Kind";
                leaf = BadgeCriterion.ForProgramme();
                break;
            case CriterionKinds.Points:
                field = prefix + ".Points";
                if (ParsePoints(slot.Points) is not { } points)
                {
                    problems[field] = T["Enter the points as a whole number, e.g. 300."];
                    return null;
                }

                leaf = BadgeCriterion.ForPoints(points);
                break;
            default:
                problems[prefix + ".Kind"] = T["Choose a kind of condition from the list."];
                return null;
        }

        // The domain's own check (a workshop of a published course, a tier that has workshops, 1 to 1,000,000 points...).
        if (text.Problems(leaf, catalog) is [var problem, ..])
        {
            problems[field] = problem;
            return null;
        }

        return leaf;
    }

    /// <summary>A whole number, also typed with full-width digits or thousands separators (３００, 1,000).</summary>
    internal static int? ParsePoints(string? value)
    {
        var text = (value ?? "").Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal).Trim();
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var points) ? points : null;
    }

    private static CriterionSlot Slot(BadgeCriterion c) => new()
    {
        Kind = c.Kind,
        Workshop = c.Activity,
        Course = c.Course,
        Tier = c.Tier?.ToApiValue(),
        Points = c.Points?.ToString(CultureInfo.InvariantCulture),
    };
}
