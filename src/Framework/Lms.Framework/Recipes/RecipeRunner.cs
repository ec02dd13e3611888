using Lms.Framework.Modules;
using System.Text.Json;
using Lms.Framework.Data.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lms.Framework.Recipes;

/// <summary>Parses a recipe, validates all of its steps, then runs them in order and records the run.</summary>
public sealed class RecipeRunner(IServiceScopeFactory scopeFactory, TimeProvider clock, ILogger<RecipeRunner> logger)
{
    public async Task<RecipeResult> RunFileAsync(string path, string? executedBy, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new RecipeException(path, null, "the file does not exist.");
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken);
        return await RunAsync(json, Path.GetFileName(path), executedBy, cancellationToken);
    }

    public async Task<RecipeResult> RunAsync(string json, string source, string? executedBy, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var (name, steps) = Parse(json, source, services);

        var context = new RecipeExecutionContext(name, source, executedBy, services);
        logger.LogInformation("Running recipe {Recipe} ({Source}): {Count} step(s)", name, source, steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var (step, element) = steps[i];
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await step.ExecuteAsync(element, context, cancellationToken);
                // Each step sees what the events of the steps before it caused (e.g. enrolments of demo staff).
                await DeferredWorkRunner.FlushAllAsync(services, logger, cancellationToken);
                logger.LogInformation("Recipe {Recipe} step #{Index} {Step} took {Milliseconds} ms", name, i + 1, step.Name, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception e) when (e is not OperationCanceledException and not RecipeException)
            {
                logger.LogError(e, "Recipe {Recipe} ({Source}) failed at step #{Index} {Step}", name, source, i + 1, step.Name);
                var reason = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
                throw new RecipeException(source, $"#{i + 1} {step.Name}", reason, e, duringExecution: true);
            }
        }

        var platform = services.GetRequiredService<PlatformDbContext>();
        platform.RecipeRuns.Add(new RecipeRun
        {
            Id = Guid.CreateVersion7(),
            RecipeName = name,
            Source = source,
            ExecutedAt = clock.GetUtcNow(),
            ExecutedBy = executedBy,
            StepCount = steps.Count,
        });
        await platform.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Recipe {Recipe} finished", name);
        return new RecipeResult(name, source, steps.Count, context.Log, context.Items);
    }

    /// <summary>Checks a recipe without running it: JSON shape, known steps, each step's own validation.</summary>
    public void Validate(string json, string source)
    {
        using var scope = scopeFactory.CreateScope();
        Parse(json, source, scope.ServiceProvider);
    }

    private static (string Name, List<(IRecipeStep Step, JsonElement Element)> Steps) Parse(string json, string source, IServiceProvider services)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RecipeException(source, null, $"the file is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {e.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RecipeException(source, null, "a recipe must be a JSON object with \"name\" and \"steps\".");
        }

        if (!root.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameElement.GetString()))
        {
            throw new RecipeException(source, null, "the recipe has no \"name\".");
        }

        if (!root.TryGetProperty("steps", out var stepsElement) || stepsElement.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException(source, null, "the recipe has no \"steps\" array.");
        }

        var known = services.GetServices<IRecipeStep>().ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var elements = stepsElement.EnumerateArray().ToList();
        var validation = new RecipeValidationContext(elements);
        var steps = new List<(IRecipeStep, JsonElement)>();
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var label = $"#{i + 1}";
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("name", out var stepName) || stepName.ValueKind != JsonValueKind.String)
            {
                throw new RecipeException(source, label, "every step must be an object with a \"name\".");
            }

            label = $"#{i + 1} {stepName.GetString()}";
            if (!known.TryGetValue(stepName.GetString()!, out var step))
            {
                throw new RecipeException(source, label, $"unknown step. Steps this site understands: {string.Join(", ", known.Keys.Order(StringComparer.Ordinal))}.");
            }

            var problems = step.Validate(element, validation).ToList();
            if (problems.Count > 0)
            {
                throw new RecipeException(source, label, string.Join(" ", problems));
            }

            steps.Add((step, element));
        }

        return (nameElement.GetString()!, steps);
    }
}
