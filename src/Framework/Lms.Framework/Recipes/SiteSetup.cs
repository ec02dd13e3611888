using Lms.Framework.Data.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lms.Framework.Recipes;

/// <summary>
/// On first start (no setup recipe has run on this database) runs <c>setup.recipe.json</c>, the Step-0 curriculum
/// (<c>step0-dx-mindset.recipe.json</c>, unless <c>Lms:Setup:Curriculum</c> is false) and,
/// unless <c>Lms:Demo:Enabled</c> is false, <c>demo.recipe.json</c>.
/// </summary>
public sealed class SiteSetup(IServiceScopeFactory scopeFactory, RecipeRunner runner, IConfiguration configuration, ILogger<SiteSetup> logger)
{
    public const string SetupRecipeFile = "setup.recipe.json";
    public const string DemoRecipeFile = "demo.recipe.json";
    /// <summary>The Step-0 curriculum: a common core and one course per tier, assigned to everyone on first start.</summary>
    public const string CurriculumRecipeFile = "step0-dx-mindset.recipe.json";
    public const string SetupRecipeName = "setup";

    public static string RecipesDirectory(IConfiguration configuration) =>
        configuration["Lms:RecipesPath"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(AppContext.BaseDirectory, "recipes");

    public async Task<bool> RunIfFirstStartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            if (await platform.RecipeRuns.AnyAsync(r => r.RecipeName == SetupRecipeName, cancellationToken))
            {
                return false;
            }
        }

        var directory = RecipesDirectory(configuration);
        logger.LogInformation("First start: setting the site up from {Directory}", directory);
        await runner.RunFileAsync(Path.Combine(directory, SetupRecipeFile), "system", cancellationToken);
        if (configuration.GetValue("Lms:Setup:Curriculum", true))
        {
            await runner.RunFileAsync(Path.Combine(directory, CurriculumRecipeFile), "system", cancellationToken);
        }

        if (configuration.GetValue("Lms:Demo:Enabled", true))
        {
            logger.LogInformation("Installing the demo city (switch off with Lms:Demo:Enabled=false)");
            await runner.RunFileAsync(Path.Combine(directory, DemoRecipeFile), "system", cancellationToken);
        }

        return true;
    }
}
