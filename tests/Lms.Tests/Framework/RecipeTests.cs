using Lms.Framework.Data.Platform;
using Lms.Framework.Recipes;
using Lms.Framework.Settings;
using Lms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Tests.Framework;

public sealed class RecipeTests(LmsAppFactory factory) : SiteTest(factory)
{
    private RecipeRunner Runner => Factory.Services.GetRequiredService<RecipeRunner>();

    private Task<int> RecipeRunsAsync() => Factory.WithScopeAsync(sp => sp.GetRequiredService<PlatformDbContext>().RecipeRuns.CountAsync());

    private Task<SiteSettings> SettingsAsync() => Factory.WithScopeAsync(sp => sp.GetRequiredService<ISiteSettingsService>().GetAsync());

    [Fact]
    public async Task Bad_json_names_the_file_and_the_place_and_applies_nothing()
    {
        var before = await RecipeRunsAsync();

        var e = await Assert.ThrowsAsync<RecipeException>(() => Runner.RunAsync("{\"name\": \"x\", \"steps\": [", "broken.recipe.json", null, default));

        Assert.Equal("broken.recipe.json", e.RecipeSource);
        Assert.Contains("not valid JSON", e.Message);
        Assert.Contains("line", e.Message);
        Assert.Equal(before, await RecipeRunsAsync());
    }

    [Fact]
    public async Task An_unknown_step_names_the_step_and_applies_none_of_the_steps_before_it()
    {
        const string json = """
            {"name": "mixed", "steps": [
              {"name": "settings", "siteName": "変えてはいけない", "organizationName": "テスト市"},
              {"name": "make-coffee"}
            ]}
            """;

        var e = await Assert.ThrowsAsync<RecipeException>(() => Runner.RunAsync(json, "mixed.recipe.json", null, default));

        Assert.Equal("#2 make-coffee", e.Step);
        Assert.Contains("unknown step", e.Message);
        Assert.Contains("mixed.recipe.json", e.Message);
        Assert.NotEqual("変えてはいけない", (await SettingsAsync()).SiteName);
    }

    [Fact]
    public async Task A_step_that_rejects_its_input_says_why_and_applies_nothing()
    {
        const string json = """
            {"name": "bad-roles", "steps": [
              {"name": "settings", "siteName": "変えてはいけない", "organizationName": "テスト市"},
              {"name": "roles", "roles": [{"name": "Admin", "permissions": ["LaunchRockets"]}]}
            ]}
            """;

        var e = await Assert.ThrowsAsync<RecipeException>(() => Runner.RunAsync(json, "bad-roles.recipe.json", null, default));

        Assert.Contains("unknown permission 'LaunchRockets'", e.Message);
        Assert.NotEqual("変えてはいけない", (await SettingsAsync()).SiteName);
    }

    [Fact]
    public async Task A_good_recipe_applies_its_steps_and_is_recorded()
    {
        const string json = """{"name": "rename", "steps": [{"name": "settings", "siteName": "ＤＸ研修", "organizationName": "多治見テスト市", "timeZone": "Asia/Tokyo"}]}""";

        var result = await Runner.RunAsync(json, "rename.recipe.json", "tester", default);

        Assert.Equal(1, result.StepCount);
        Assert.Equal("ＤＸ研修", (await SettingsAsync()).SiteName);
        Assert.True(await Factory.WithScopeAsync(sp => sp.GetRequiredService<PlatformDbContext>().RecipeRuns.AnyAsync(r => r.RecipeName == "rename" && r.ExecutedBy == "tester")));
    }

    [Fact]
    public async Task The_shipped_recipes_are_valid()
    {
        var directory = SiteSetup.RecipesDirectory(Factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        var files = Directory.GetFiles(directory, "*.recipe.json");

        Assert.Contains(files, f => f.EndsWith("setup.recipe.json", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("demo.recipe.json", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Runner.Validate(await File.ReadAllTextAsync(file), Path.GetFileName(file));
        }
    }
}
