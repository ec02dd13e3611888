using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Lms.Framework.Security;

public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    public Permission Permission { get; } = permission;
}

internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.HasClaim(PermissionClaims.Type, requirement.Permission.Name))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Turns every declared permission's name into a policy: authenticated and holding that permission.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, IEnumerable<IPermissionProvider> providers) : DefaultAuthorizationPolicyProvider(options)
{
    private readonly Dictionary<string, AuthorizationPolicy> policies = providers
        .SelectMany(p => p.GetPermissions())
        .DistinctBy(p => p.Name)
        .ToDictionary(
            p => p.Name,
            p => new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(p)).Build(),
            StringComparer.Ordinal);

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        policies.TryGetValue(policyName, out var policy) ? Task.FromResult<AuthorizationPolicy?>(policy) : base.GetPolicyAsync(policyName);
}
