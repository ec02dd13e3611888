using System.Security.Claims;
using System.Text.Json;
using Lms.Framework.Recipes;
using Lms.Framework.Security;
using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Recipes;

/// <summary>
/// <c>{"name": "roles", "roles": [{"name": "Admin", "description": "...", "defaultPermissions": true, "permissions": ["..."]}]}</c>.
/// Creates missing roles and grants the listed permissions (plus, with defaultPermissions, those the
/// modules give the role by default). Never removes a grant: an admin's choices survive a re-run.
/// </summary>
internal sealed class RolesStep(RoleManager<LmsRole> roles, OrganizationDbContext db, IEnumerable<IPermissionProvider> providers, TimeProvider clock) : IRecipeStep
{
    public string Name => "roles";

    public IEnumerable<string> Validate(JsonElement step, RecipeValidationContext context)
    {
        if (!step.TryGetProperty("roles", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield return "\"roles\" must be an array.";
            yield break;
        }

        var known = providers.SelectMany(p => p.GetPermissions()).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var role in list.EnumerateArray())
        {
            if (!role.TryGetProperty("name", out var name) || string.IsNullOrWhiteSpace(name.GetString()))
            {
                yield return "every role needs a \"name\".";
                continue;
            }

            if (role.TryGetProperty("permissions", out var permissions))
            {
                foreach (var permission in permissions.EnumerateArray().Select(p => p.GetString() ?? ""))
                {
                    if (!known.Contains(permission))
                    {
                        yield return $"role '{name.GetString()}': unknown permission '{permission}'.";
                    }
                }
            }
        }
    }

    public async Task ExecuteAsync(JsonElement step, RecipeExecutionContext context, CancellationToken cancellationToken)
    {
        var all = providers.SelectMany(p => p.GetPermissions()).DistinctBy(p => p.Name).ToList();
        var stereotypes = providers.SelectMany(p => p.GetDefaultStereotypes()).ToList();
        foreach (var element in step.GetProperty("roles").EnumerateArray())
        {
            var name = element.GetProperty("name").GetString()!;
            var role = await roles.FindByNameAsync(name);
            if (role is null)
            {
                role = new LmsRole { Name = name, Description = element.TryGetProperty("description", out var d) ? d.GetString() : null };
                Check(await roles.CreateAsync(role));
                context.Log.Add($"Role {name} created");
            }

            var wanted = element.TryGetProperty("permissions", out var list) ? list.EnumerateArray().Select(p => p.GetString()!).ToList() : [];
            if (element.TryGetProperty("defaultPermissions", out var defaults) && defaults.GetBoolean())
            {
                wanted.AddRange(stereotypes.Where(s => s.RoleName == name).SelectMany(s => s.Permissions).Select(p => p.Name));
            }

            var existing = (await roles.GetClaimsAsync(role)).Where(c => c.Type == PermissionClaims.Type).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var permission in wanted.Distinct().Where(p => !existing.Contains(p)))
            {
                Check(await roles.AddClaimAsync(role, new Claim(PermissionClaims.Type, permission)));
            }
        }

        // Everything declared now has been offered to its default roles: later starts only add new ones.
        var introduced = await db.IntroducedPermissions.Select(p => p.Name).ToListAsync(cancellationToken);
        db.IntroducedPermissions.AddRange(all.Where(p => !introduced.Contains(p.Name)).Select(p => new IntroducedPermission { Name = p.Name, IntroducedAt = clock.GetUtcNow() }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
