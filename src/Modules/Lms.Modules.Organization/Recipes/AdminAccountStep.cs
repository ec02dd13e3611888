using System.Text.Json;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace Lms.Modules.Organization.Recipes;

/// <summary>
/// <c>{"name": "admin-account"}</c>: the site's first administrator, from configuration so that no
/// password sits in a recipe file: <c>Lms:Setup:AdminUserName</c>, <c>Lms:Setup:AdminPassword</c>,
/// optional <c>Lms:Setup:AdminEmail</c> (environment variables or user secrets). Does nothing when
/// they are not set, or when the account exists.
/// </summary>
internal sealed class AdminAccountStep(UserManager<LmsUser> users, IConfiguration configuration) : IRecipeStep
{
    public string Name => "admin-account";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Lms:Setup:AdminUserName"]) && string.IsNullOrEmpty(configuration["Lms:Setup:AdminPassword"]))
        {
            yield return "Lms:Setup:AdminUserName is set but Lms:Setup:AdminPassword is not.";
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        var userName = configuration["Lms:Setup:AdminUserName"];
        if (string.IsNullOrWhiteSpace(userName))
        {
            context.Log.Add("No first administrator configured (Lms:Setup:AdminUserName); skipped");
            return;
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var user = new LmsUser { UserName = userName, Email = configuration["Lms:Setup:AdminEmail"], EmailConfirmed = true, IsActive = true };
        var created = await users.CreateAsync(user, configuration["Lms:Setup:AdminPassword"]!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"First administrator '{userName}': {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        var roles = await users.AddToRoleAsync(user, RoleNames.Admin);
        if (!roles.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", roles.Errors.Select(e => e.Description)));
        }

        context.Log.Add($"First administrator {userName} created");
    }
}
