namespace Lms.Framework.Modules;

/// <summary>Marks an assembly as an LMS module (the Orchard Core manifest). One per assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ModuleAttribute : Attribute
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Category { get; init; } = "";
    /// <summary>Ids of features this module's default feature needs.</summary>
    public string[] Dependencies { get; init; } = [];
}

/// <summary>An additional, separately switchable feature of a module.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class FeatureAttribute : Attribute
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public string Category { get; init; } = "";
    public string[] Dependencies { get; init; } = [];
}

/// <summary>Marks an assembly as a theme. <see cref="Layout"/> names its Razor layout.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ThemeAttribute : Attribute
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Layout { get; init; }
    public bool IsAdminTheme { get; init; }
    public string Description { get; init; } = "";
}

/// <summary>Binds a <see cref="ModuleStartup"/> to a feature other than its module's default feature.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequireFeatureAttribute(string featureId) : Attribute
{
    public string FeatureId { get; } = featureId;
}
