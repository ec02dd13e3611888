using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyModel;

namespace Lms.Framework.Modules;

public sealed record FeatureDescriptor(string Id, string Name, string Description, string Category, IReadOnlyList<string> Dependencies, ModuleDescriptor Module);

public sealed record ModuleDescriptor(string Id, string Name, string Description, string Category, Assembly Assembly, bool IsTheme, ThemeAttribute? Theme);

/// <summary>
/// The modules and themes the host references, their features ordered by dependency, minus those
/// switched off in configuration (<c>Lms:Features:&lt;id&gt;:Enabled = false</c>).
/// </summary>
public sealed class ModuleCatalog
{
    private ModuleCatalog(IReadOnlyList<ModuleDescriptor> modules, IReadOnlyList<FeatureDescriptor> enabledFeatures, IReadOnlyList<FeatureDescriptor> allFeatures)
    {
        Modules = modules;
        EnabledFeatures = enabledFeatures;
        AllFeatures = allFeatures;
    }

    public IReadOnlyList<ModuleDescriptor> Modules { get; }
    /// <summary>Enabled features, each after the features it depends on.</summary>
    public IReadOnlyList<FeatureDescriptor> EnabledFeatures { get; }
    public IReadOnlyList<FeatureDescriptor> AllFeatures { get; }

    public IEnumerable<Assembly> EnabledAssemblies => EnabledFeatures.Select(f => f.Module.Assembly).Distinct();

    public bool IsEnabled(string featureId) => EnabledFeatures.Any(f => f.Id == featureId);

    public static ModuleCatalog Discover(IConfiguration configuration) => Build(FindReferencedAssemblies(), configuration);

    public static ModuleCatalog Build(IEnumerable<Assembly> assemblies, IConfiguration configuration)
    {
        var modules = new List<ModuleDescriptor>();
        var features = new List<FeatureDescriptor>();
        foreach (var assembly in assemblies.Distinct())
        {
            var module = assembly.GetCustomAttribute<ModuleAttribute>();
            var theme = assembly.GetCustomAttribute<ThemeAttribute>();
            if (module is null && theme is null)
            {
                continue;
            }

            var descriptor = module is not null
                ? new ModuleDescriptor(module.Id, module.Name, module.Description, module.Category, assembly, false, theme)
                : new ModuleDescriptor(theme!.Id, theme.Name, theme.Description, "Theme", assembly, true, theme);
            modules.Add(descriptor);
            features.Add(new FeatureDescriptor(descriptor.Id, descriptor.Name, descriptor.Description, descriptor.Category, module?.Dependencies ?? [], descriptor));
            foreach (var feature in assembly.GetCustomAttributes<FeatureAttribute>())
            {
                // A secondary feature always needs its module's default feature.
                var dependencies = feature.Dependencies.Contains(descriptor.Id) ? feature.Dependencies : [descriptor.Id, .. feature.Dependencies];
                features.Add(new FeatureDescriptor(feature.Id, feature.Name, feature.Description, feature.Category, dependencies, descriptor));
            }
        }

        return Build(modules, features, configuration);
    }

    /// <summary>The catalog of the given features: ordered, and without those switched off.</summary>
    public static ModuleCatalog Build(IReadOnlyList<ModuleDescriptor> modules, IReadOnlyList<FeatureDescriptor> features, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(features);
        var duplicate = features.GroupBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModuleLoadException($"Feature id '{duplicate.Key}' is declared by more than one assembly: {string.Join(", ", duplicate.Select(f => f.Module.Assembly.GetName().Name))}.");
        }

        var ordered = FeatureOrdering.Order(features);
        var enabled = new List<FeatureDescriptor>();
        foreach (var feature in ordered)
        {
            var switchedOff = configuration.GetValue($"Lms:Features:{feature.Id}:Enabled", true) is false;
            if (switchedOff)
            {
                continue;
            }

            var missing = feature.Dependencies.FirstOrDefault(d => !enabled.Any(e => e.Id == d));
            if (missing is not null)
            {
                throw new ModuleLoadException($"Feature '{feature.Id}' depends on feature '{missing}', which is switched off (Lms:Features:{missing}:Enabled). Switch '{feature.Id}' off too, or switch '{missing}' on.");
            }

            enabled.Add(feature);
        }

        return new ModuleCatalog(modules, enabled, ordered);
    }

    private static IEnumerable<Assembly> FindReferencedAssemblies()
    {
        // The deps file lists every project the application references, even ones the compiler
        // dropped from the assembly metadata because no type of theirs is used in code.
        var context = DependencyContext.Default
            ?? throw new ModuleLoadException("No dependency context: the host's .deps.json file is missing, so referenced modules cannot be found.");
        foreach (var library in context.RuntimeLibraries.Where(l => l.Type == "project"))
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName(library.Name));
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            yield return assembly;
        }
    }
}

public sealed class ModuleLoadException(string message) : Exception(message);
