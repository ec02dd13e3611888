using System.Text.Json;

namespace Lms.Framework.Recipes;

/// <summary>
/// A step a module understands, named in a recipe as <c>{"name": "&lt;Name&gt;", ...}</c>.
/// <see cref="Validate"/> sees every step before any runs, so a bad recipe applies nothing.
/// <see cref="ExecuteAsync"/> must be idempotent: running a recipe twice leaves the same site.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }

    /// <summary>Problems with this step's JSON, in English for operators' logs; empty when it is good.</summary>
    IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context);

    Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken);
}

/// <summary>What a step may check against other steps of the same recipe (e.g. roles defined earlier in it).</summary>
public sealed class RecipeValidationContext(IReadOnlyList<JsonElement> steps)
{
    public IReadOnlyList<JsonElement> Steps { get; } = steps;
}

public sealed class RecipeExecutionContext(string recipeName, string source, string? executedBy, IServiceProvider services)
{
    public string RecipeName { get; } = recipeName;
    public string Source { get; } = source;
    public string? ExecutedBy { get; } = executedBy;
    /// <summary>Scoped services of this run.</summary>
    public IServiceProvider Services { get; } = services;
    /// <summary>What the steps created or changed, for the caller to report ("12 staff created").</summary>
    public List<string> Log { get; } = [];
    /// <summary>What the steps created or changed, for automation (the recipe API returns it).</summary>
    public List<RecipeItem> Items { get; } = [];
}

/// <param name="Kind">What it is ("course", "staff", ...).</param>
/// <param name="Change">"created", "updated" or "unchanged".</param>
public sealed record RecipeItem(string Kind, string Id, string Name, string Change, string? Detail = null);

/// <summary>
/// A recipe that was refused (<see cref="DuringExecution"/> false: nothing was applied) or whose step
/// failed while running (true: the steps before it were applied; they are idempotent, so fix and re-run).
/// </summary>
public sealed class RecipeException(string source, string? step, string reason, Exception? inner = null, bool duringExecution = false)
    : Exception(step is null ? $"Recipe '{source}': {reason}" : $"Recipe '{source}', step '{step}': {reason}", inner)
{
    public bool DuringExecution { get; } = duringExecution;

    public string RecipeSource { get; } = source;
    public string? Step { get; } = step;
    public string Reason { get; } = reason;
}

public sealed record RecipeResult(string RecipeName, string Source, int StepCount, IReadOnlyList<string> Log, IReadOnlyList<RecipeItem> Items);
