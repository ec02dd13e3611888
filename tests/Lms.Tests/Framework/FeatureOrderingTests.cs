using System.Reflection;
using Lms.Framework.Modules;
using Microsoft.Extensions.Configuration;

namespace Lms.Tests.Framework;

public sealed class FeatureOrderingTests
{
    private static readonly ModuleDescriptor Module = new("M", "M", "", "", Assembly.GetExecutingAssembly(), false, null);

    private static FeatureDescriptor Feature(string id, params string[] dependencies) => new(id, id, "", "", dependencies, Module);

    [Fact]
    public void Features_come_after_what_they_depend_on()
    {
        var ordered = FeatureOrdering.Order([Feature("C", "B"), Feature("A"), Feature("B", "A")]);

        Assert.Equal(["A", "B", "C"], ordered.Select(f => f.Id));
    }

    [Fact]
    public void A_cycle_stops_start_up_naming_both_features()
    {
        var e = Assert.Throws<ModuleLoadException>(() => FeatureOrdering.Order([Feature("A", "B"), Feature("B", "A")]));

        Assert.Contains("cycle", e.Message);
        Assert.Contains("'A'", e.Message);
        Assert.Contains("'B'", e.Message);
    }

    [Fact]
    public void A_missing_dependency_stops_start_up_naming_both_features()
    {
        var e = Assert.Throws<ModuleLoadException>(() => FeatureOrdering.Order([Feature("Lms.Learning", "Lms.Nowhere")]));

        Assert.Contains("'Lms.Learning'", e.Message);
        Assert.Contains("'Lms.Nowhere'", e.Message);
    }

    [Fact]
    public void A_feature_switched_off_in_configuration_is_left_out()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lms:Features:B:Enabled"] = "false" }).Build();

        var catalog = ModuleCatalog.Build([Module], [Feature("A"), Feature("B", "A")], configuration);

        Assert.Equal(["A"], catalog.EnabledFeatures.Select(f => f.Id));
    }

    [Fact]
    public void Switching_off_a_feature_others_need_stops_start_up_naming_both()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lms:Features:A:Enabled"] = "false" }).Build();

        var e = Assert.Throws<ModuleLoadException>(() => ModuleCatalog.Build([Module], [Feature("A"), Feature("B", "A")], configuration));

        Assert.Contains("'B'", e.Message);
        Assert.Contains("'A'", e.Message);
    }

    [Fact]
    public void The_host_finds_the_modules_and_themes_it_references()
    {
        var catalog = ModuleCatalog.Discover(new ConfigurationBuilder().Build());

        Assert.Contains(catalog.EnabledFeatures, f => f.Id == "Lms.Organization");
        Assert.Contains(catalog.Modules, m => m.IsTheme && m.Theme!.Layout == "_StaffLayout");
        Assert.Contains(catalog.Modules, m => m.IsTheme && m.Theme!.IsAdminTheme);
    }
}
