using System.Security.Claims;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lms.Framework.Web;

internal static class RecipeEndpoints
{
    public sealed record RecipeRunResponse(string Recipe, int Steps, IReadOnlyList<string> Log, IReadOnlyList<RecipeItem> Items);

    /// <summary>
    /// POST /api/v1/admin/recipes: runs the recipe JSON in the body and answers with what it created or
    /// changed. A recipe that fails validation is refused (400) before any step runs, so it changes nothing.
    /// </summary>
    public static void MapRecipeApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapApiV1("Recipes").MapPost("/admin/recipes", async (HttpRequest request, ClaimsPrincipal user, RecipeRunner runner, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var json = await reader.ReadToEndAsync(ct);
                if (string.IsNullOrWhiteSpace(json))
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, "Send the recipe JSON as the request body.");
                }

                try
                {
                    var result = await runner.RunAsync(json, "api", user.Identity?.Name, ct);
                    return Results.Ok(new RecipeRunResponse(result.RecipeName, result.StepCount, result.Log, result.Items));
                }
                catch (RecipeException e) when (!e.DuringExecution)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status400BadRequest, e.Message);
                }
                catch (RecipeException e)
                {
                    return ApiEndpoints.Problem(StatusCodes.Status500InternalServerError, e.Message);
                }
            })
            .Produces<RecipeRunResponse>()
            .RequireAuthorization(PlatformPermissions.RunRecipes.Name)
            .DisableAntiforgery();
    }
}
