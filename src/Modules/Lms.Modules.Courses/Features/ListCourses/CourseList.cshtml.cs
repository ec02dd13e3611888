using System.Text.Json;
using System.Text.Json.Nodes;
using Lms.Contracts.Organization;
using Lms.Framework.Recipes;
using Lms.Modules.Courses.Features.EditCourse;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Courses.Features.ListCourses;

[Authorize(Policy = "ManageCourses")]
public sealed class CourseListModel(CourseCatalog catalog, CourseLifecycle lifecycle, RecipeRunner recipes, IAuthorizationService authorization, IStringLocalizer<CoursesStrings> T) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? UpdatedBy { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public IReadOnlyList<CourseRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Editors { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public string? NewTitle { get; set; }
    public string? NewKey { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? title, string? key, List<string>? tiers, CancellationToken cancellationToken)
    {
        var chosen = (tiers ?? []).Where(t => StaffTierNames.TryParse(t, out _)).Select(StaffTierNames.Parse).ToList();
        var created = await lifecycle.CreateAsync(title, key, chosen, T["Section 1"], User.Identity?.Name, cancellationToken);
        if (created.Id is { } id)
        {
            Message = T["Course created. Add its sections and activities, then preview and publish it."];
            return Redirect($"/admin/courses/{id}");
        }

        (NewTitle, NewKey, Errors) = (title, key, created.Problems.Select(p => p.Localize(T)).ToList());
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Brings courses in from an exported recipe. Only <c>courses</c> steps are accepted here (other steps
    /// need the recipe screen), and for someone who may not publish they always land as drafts.
    /// </summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        string? json = null;
        if (file is null || file.Length == 0)
        {
            errors.Add(T["Choose a recipe file (.json) to import."]);
        }
        else if (file.Length > 10 * 1024 * 1024)
        {
            errors.Add(T["The file is larger than 10 MB."]);
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            json = await reader.ReadToEndAsync(cancellationToken);
            var mayPublish = (await authorization.AuthorizeAsync(User, Permissions.PublishCourses.Name)).Succeeded;
            json = OnlyCourses(json, mayPublish, out var problem);
            if (problem is not null)
            {
                errors.Add(T[problem]);
            }
        }

        if (errors.Count == 0)
        {
            try
            {
                var result = await recipes.RunAsync(json!, file!.FileName, User.Identity?.Name, cancellationToken);
                Message = T["Imported: {0}.", string.Join(", ", result.Items.Select(i => $"{i.Name} ({T[i.Change]})"))];
                return Redirect("/admin/courses");
            }
            catch (RecipeException e)
            {
                errors.Add(T["The recipe was refused and nothing was changed: {0}", e.Reason]);
            }
        }

        Errors = errors;
        await LoadAsync(cancellationToken);
        return Page();
    }

    internal static string? OnlyCourses(string json, bool mayPublish, out string? problem)
    {
        problem = null;
        try
        {
            var root = JsonNode.Parse(json) as JsonObject;
            var steps = root?["steps"] as JsonArray;
            if (steps is null || steps.Count == 0 || steps.Any(s => (string?)s?["name"] != "courses"))
            {
                problem = "This file is not a course export: only recipes with \"courses\" steps can be imported here.";
                return null;
            }

            if (!mayPublish)
            {
                foreach (var step in steps)
                {
                    step!["publish"] = false;
                }
            }

            return root!.ToJsonString();
        }
        catch (JsonException)
        {
            problem = "The file is not valid JSON.";
            return null;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rows = await catalog.ListAsync(new CourseFilter(Status, Tier, UpdatedBy, Q), cancellationToken);
        Editors = await catalog.EditorsAsync(cancellationToken);
    }
}
