using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Courses;

/// <summary>Course checks are written once in English (for recipes) and shown to admins in Japanese: every one needs its translation.</summary>
public sealed partial class CourseProblemTranslationTests
{
    [Fact]
    public void Every_course_problem_has_a_Japanese_translation()
    {
        var root = TestPaths.RepositoryRoot();
        var module = Path.Combine(root, "src/Modules/Lms.Modules.Courses");
        var translated = XDocument.Load(Path.Combine(module, "Resources/CoursesStrings.ja.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var formats = Directory.EnumerateFiles(module, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.EndsWith("Permissions.cs", StringComparison.Ordinal))
            .SelectMany(f => ProblemLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .Distinct().ToList();

        Assert.True(formats.Count > 25, $"found only {formats.Count} problems: is the pattern still right?");
        var missing = formats.Where(f => !translated.Contains(f)).ToList();
        Assert.True(missing.Count == 0, "Missing Japanese for: " + string.Join(" | ", missing));
    }

    // new("...") and new CourseProblem("...") as the checks write them.
    [GeneratedRegex("""new(?: CourseProblem)?\("((?:[^"\\]|\\.)*)"(?:,|\))""")]
    private static partial Regex ProblemLiteral();
}
