using System.Text.Json;
using Lms.Framework.Data.Platform;
using Lms.Framework.Recipes;
using Lms.Framework.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Lms.Framework.Features.RunRecipe;

[Authorize(Policy = "RunRecipes")]
public sealed class RunRecipeModel(RecipeRunner runner, PlatformDbContext db, IConfiguration configuration, ISiteSettingsService settings) : PageModel
{
    public sealed record RecipeFile(string FileName, string DisplayName, DateTimeOffset? LastRun);

    public IReadOnlyList<RecipeFile> Files { get; private set; } = [];
    public RecipeResult? Result { get; private set; }
    public string? Error { get; private set; }
    public bool FailedWhileRunning { get; private set; }
    public string Json { get; private set; } = "";

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostFileAsync(string fileName, CancellationToken ct)
    {
        var directory = SiteSetup.RecipesDirectory(configuration);
        // Only files listed in the recipes folder: no paths from the form.
        var path = Directory.EnumerateFiles(directory, "*.recipe.json").FirstOrDefault(f => Path.GetFileName(f) == fileName);
        if (path is null)
        {
            return NotFound();
        }

        await RunAsync(() => runner.RunFileAsync(path, User.Identity?.Name, ct));
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostJsonAsync(string json, CancellationToken ct)
    {
        Json = json ?? "";
        await RunAsync(() => runner.RunAsync(Json, "admin screen", User.Identity?.Name, ct));
        await LoadAsync(ct);
        return Page();
    }

    private async Task RunAsync(Func<Task<RecipeResult>> run)
    {
        try
        {
            Result = await run();
        }
        catch (RecipeException e)
        {
            Error = e.Message;
            FailedWhileRunning = e.DuringExecution;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var directory = SiteSetup.RecipesDirectory(configuration);
        var runs = await db.RecipeRuns.AsNoTracking().ToListAsync(ct);
        var timeZone = (await settings.GetAsync(ct)).TimeZone;
        var files = new List<RecipeFile>();
        foreach (var path in Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.recipe.json").Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
        {
            var name = ReadName(path);
            var last = runs.Where(r => r.Source == Path.GetFileName(path)).Select(r => (DateTimeOffset?)TimeZoneInfo.ConvertTime(r.ExecutedAt, timeZone)).Max();
            files.Add(new RecipeFile(Path.GetFileName(path), name, last));
        }

        Files = files;
    }

    private static string ReadName(string path)
    {
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            return root.TryGetProperty("displayName", out var d) ? d.GetString() ?? "" : root.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
