using System.Reflection;
using Lms.Framework.Modules;
using Lms.Framework.Security;
using Microsoft.AspNetCore.Authorization;

namespace Lms.Tests.Architecture;

/// <summary>A policy name on a page is a string; a typo would only fail when someone opens the page.</summary>
public sealed class PermissionPolicyTests
{
    private static readonly Assembly[] Assemblies = Directory.GetFiles(AppContext.BaseDirectory, "Lms.*.dll")
        .Where(f => !Path.GetFileName(f).StartsWith("Lms.Tests", StringComparison.Ordinal))
        .Select(Assembly.LoadFrom)
        .Where(a => a.GetCustomAttribute<ModuleAttribute>() is not null || a.GetName().Name == "Lms.Framework")
        .ToArray();

    [Fact]
    public void Every_policy_named_in_an_Authorize_attribute_is_a_declared_permission()
    {
        var declared = Assemblies.SelectMany(a => a.GetTypes())
            .Where(t => typeof(IPermissionProvider).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(t => ((IPermissionProvider)Activator.CreateInstance(t)!).GetPermissions())
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        var named = Assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetCustomAttributes<AuthorizeAttribute>().Select(attribute => (Type: t.FullName, attribute.Policy)))
            .Where(x => x.Policy is not null)
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, x => Assert.True(declared.Contains(x.Policy!), $"{x.Type} names policy '{x.Policy}', which no module declares."));
    }
}
