using System.Text.Json;
using Lms.Contracts.Organization;
using Lms.Framework.Recipes;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Lms.Modules.Gamification.Features.Awarding;
using Lms.Modules.Gamification.Features.Badges;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Gamification.Recipes;

/// <summary>
/// <c>{"name": "badges", "badges": [{"key", "name": {"ja","en"}, "description": {"ja","en"}, "palette", "icon", "label", "criteria"}]}</c>.
/// Criteria name courses and activities by key (<c>{"kind": "workshop", "course": "step0-general", "activity": "workshop-persona-journey"}</c>);
/// the step resolves them against the published courses, so it must follow the step that publishes them.
/// Idempotent: a badge with the same key is updated (its awards stay), and changed criteria are applied retroactively.
/// </summary>
internal sealed class BadgesStep(GamificationDbContext db, BadgeDefinitions definitions, BadgeAwarder awarder) : IRecipeStep
{
    public string Name => "badges";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (!step.TryGetProperty("badges", out var badges) || badges.ValueKind != JsonValueKind.Array)
        {
            yield return "\"badges\" must be an array.";
            yield break;
        }

        var index = 0;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var badge in badges.EnumerateArray())
        {
            var where = $"badges[{index++}]";
            if (badge.ValueKind != JsonValueKind.Object)
            {
                yield return $"{where} must be an object.";
                continue;
            }

            if (Text(badge, "key") is not { Length: > 0 } key || !keys.Add(key))
            {
                yield return $"{where}: \"key\" is required and must be unique.";
            }

            if (Localized(badge, "name").Ja.Length == 0)
            {
                yield return $"{where}: \"name\" needs a Japanese text (\"ja\").";
            }

            if (!badge.TryGetProperty("criteria", out var criteria))
            {
                yield return $"{where}: \"criteria\" is required.";
            }
            else
            {
                foreach (var problem in CriteriaProblems(criteria, where + ".criteria"))
                {
                    yield return problem;
                }
            }
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalog = await awarder.CatalogAsync(cancellationToken);
        var order = 0;
        foreach (var item in step.GetProperty("badges").EnumerateArray())
        {
            var key = Text(item, "key")!;
            var criterion = Resolve(item.GetProperty("criteria"), catalog)
                ?? throw new RecipeException(context.Source, Name, $"badge '{key}': its criteria name a course or activity that is not published.");
            var name = Localized(item, "name");
            var description = Localized(item, "description");
            var existing = await db.Badges.AsNoTracking().FirstOrDefaultAsync(b => b.Key == key, cancellationToken);
            var draft = new BadgeDraft(key, name.Ja, name.En, description.Ja, description.En, criterion,
                Text(item, "palette") ?? existing?.Palette ?? "indigo", Text(item, "icon") ?? existing?.Icon ?? "star", Text(item, "label") ?? existing?.Label ?? "",
                order++, existing?.IsArchived ?? false);
            var unchanged = existing is not null && existing.NameJa == draft.NameJa && existing.NameEn == draft.NameEn
                && existing.DescriptionJa == draft.DescriptionJa && existing.DescriptionEn == draft.DescriptionEn
                && existing.CriteriaJson == criterion.ToJson() && existing.Palette == draft.Palette && existing.Icon == draft.Icon
                && existing.Label == draft.Label && existing.SortOrder == draft.SortOrder;
            if (unchanged)
            {
                context.Items.Add(new RecipeItem("badge", existing!.Id.ToString(), existing.NameJa, "unchanged"));
                continue;
            }

            var (badge, problems) = await definitions.SaveAsync(existing?.Id, draft, context.ExecutedBy ?? "recipe:" + context.RecipeName, cancellationToken);
            if (badge is null)
            {
                throw new RecipeException(context.Source, Name, $"badge '{key}': {string.Join(" ", problems)}");
            }

            context.Items.Add(new RecipeItem("badge", badge.Id.ToString(), badge.NameJa, existing is null ? "created" : "updated"));
        }

        context.Log.Add($"badges: {order} defined");
    }

    private static IEnumerable<string> CriteriaProblems(JsonElement criteria, string where)
    {
        var kind = Text(criteria, "kind");
        if (kind is null || !CriterionKinds.All.Contains(kind))
        {
            yield return $"{where}: \"kind\" must be one of {string.Join(", ", CriterionKinds.All)}.";
            yield break;
        }

        switch (kind)
        {
            case CriterionKinds.Workshop when Text(criteria, "course") is null || Text(criteria, "activity") is null:
                yield return $"{where}: a workshop criterion names \"course\" and \"activity\" (keys).";
                break;
            case CriterionKinds.Course when Text(criteria, "course") is null:
                yield return $"{where}: a course criterion names \"course\" (a key).";
                break;
            case CriterionKinds.TierWorkshops when !Enum.TryParse<StaffTier>(Text(criteria, "tier"), true, out _):
                yield return $"{where}: \"tier\" must be executive, manager or general.";
                break;
            case CriterionKinds.Points when !criteria.TryGetProperty("points", out var p) || !p.TryGetInt32(out var n) || n < 1:
                yield return $"{where}: \"points\" must be a positive whole number.";
                break;
            case CriterionKinds.AllOf or CriterionKinds.AnyOf:
                if (!criteria.TryGetProperty("of", out var of) || of.ValueKind != JsonValueKind.Array || of.GetArrayLength() == 0)
                {
                    yield return $"{where}: \"of\" must be a non-empty array.";
                    break;
                }

                var i = 0;
                foreach (var part in of.EnumerateArray())
                {
                    foreach (var problem in CriteriaProblems(part, $"{where}.of[{i}]"))
                    {
                        yield return problem;
                    }

                    i++;
                }

                break;
        }
    }

    /// <summary>The criterion with keys turned into ids; null when a course or activity it names is not published.</summary>
    private static BadgeCriterion? Resolve(JsonElement c, CourseCatalog catalog)
    {
        var kind = Text(c, "kind")!;
        switch (kind)
        {
            case CriterionKinds.Workshop:
            {
                var course = catalog.Courses.FirstOrDefault(x => x.Key == Text(c, "course"));
                var activity = course?.Activities.FirstOrDefault(a => a.Key == Text(c, "activity"));
                return activity is null ? null : BadgeCriterion.ForWorkshop(activity.Id);
            }

            case CriterionKinds.Course:
                return catalog.Courses.FirstOrDefault(x => x.Key == Text(c, "course")) is { } found ? BadgeCriterion.ForCourse(found.Id) : null;
            case CriterionKinds.TierWorkshops:
                return BadgeCriterion.ForTierWorkshops(Enum.Parse<StaffTier>(Text(c, "tier")!, true));
            case CriterionKinds.Programme:
                return BadgeCriterion.ForProgramme();
            case CriterionKinds.Points:
                return BadgeCriterion.ForPoints(c.GetProperty("points").GetInt32());
            default:
            {
                var parts = new List<BadgeCriterion>();
                foreach (var part in c.GetProperty("of").EnumerateArray())
                {
                    if (Resolve(part, catalog) is not { } resolved)
                    {
                        return null;
                    }

                    parts.Add(resolved);
                }

                return new BadgeCriterion { Kind = kind, Of = parts };
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static (string Ja, string En) Localized(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return ("", "");
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => (value.GetString() ?? "", ""),
            JsonValueKind.Object => (Text(value, "ja") ?? "", Text(value, "en") ?? ""),
            _ => ("", ""),
        };
    }
}
