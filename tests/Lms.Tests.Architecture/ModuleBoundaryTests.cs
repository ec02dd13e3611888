using System.Reflection;
using System.Xml.Linq;
using Lms.Framework.Modules;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.Razor.Hosting;
using NetArchTest.Rules;

namespace Lms.Tests.Architecture;

/// <summary>Modules meet only through Lms.Contracts: one rule, checked over every module the host references.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] Allowed = ["Lms.Framework", "Lms.Contracts"];

    private static IReadOnlyList<Assembly> ModuleAssemblies { get; } = LoadModules();

    public static TheoryData<string> Modules => new(ModuleAssemblies.Select(a => a.GetName().Name!));

    private static List<Assembly> LoadModules() =>
        Directory.GetFiles(AppContext.BaseDirectory, "Lms.*.dll")
            .Select(f => Assembly.LoadFrom(f))
            .Where(a => a.GetCustomAttribute<ModuleAttribute>() is not null || a.GetCustomAttribute<ThemeAttribute>() is not null)
            .ToList();

    [Fact]
    public void The_host_references_modules_and_themes() =>
        Assert.Contains(ModuleAssemblies, a => a.GetName().Name == "Lms.Modules.Organization");

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_no_other_module_in_its_project_file(string module)
    {
        var project = Directory.GetFiles(TestPaths.RepositoryRoot(), module + ".csproj", SearchOption.AllDirectories).Single(p => !p.Contains("/bin/", StringComparison.Ordinal));
        var references = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        Assert.All(references, r => Assert.Contains(r, Allowed));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_modules_code_uses_no_other_modules_types(string module)
    {
        var assembly = ModuleAssemblies.Single(a => a.GetName().Name == module);
        var others = ModuleAssemblies.Where(a => a != assembly).Select(a => a.GetName().Name!).ToArray();
        if (others.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(others).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Contracts_depend_on_nothing_of_ours_but_themselves()
    {
        var result = Types.InAssembly(typeof(Lms.Contracts.Organization.StaffChanged).Assembly)
            .ShouldNot().HaveDependencyOnAny(["Lms.Framework", "Lms.Modules", "Lms.Themes", "Microsoft.EntityFrameworkCore"]).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Integration_events_are_sealed_records_named_in_the_past_tense()
    {
        var events = typeof(Lms.Contracts.Organization.StaffChanged).Assembly.GetTypes()
            .Where(t => typeof(MediatR.INotification).IsAssignableFrom(t) && !t.IsInterface).ToList();

        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.True(e.IsSealed, $"{e.Name} must be sealed");
            Assert.True(e.GetMethod("<Clone>$") is not null, $"{e.Name} must be a record");
            Assert.Matches("(ed|Registered)$", e.Name);
        });
    }

    [Fact]
    public void No_two_assemblies_compile_a_view_at_the_same_path()
    {
        // Views of all modules share one path space; a clash would make one module's page win at random.
        var views = ModuleAssemblies.Append(typeof(ModuleAttribute).Assembly).Append(Assembly.Load("Lms.Host"))
            .SelectMany(a => a.GetCustomAttributes<RazorCompiledItemAttribute>().Select(v => (v.Identifier, Assembly: a.GetName().Name)))
            .GroupBy(v => v.Identifier, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1 && !g.Key.EndsWith("_ViewImports.cshtml", StringComparison.OrdinalIgnoreCase))
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(v => v.Assembly))}")
            .ToList();

        Assert.True(views.Count == 0, string.Join("; ", views));
    }
}
