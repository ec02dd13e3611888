using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Platform;

/// <summary>Every UI string has its Japanese text: a missing entry would show English to a Japanese user.</summary>
public sealed partial class LocalizationTests
{
    [GeneratedRegex("""\b(?:T|localizer)\[\s*"((?:[^"\\]|\\.)*)"[,\]]""")]
    private static partial Regex LiteralKey();

    /// <summary>Keys reached through a variable (status-code titles, tier names, role labels).</summary>
    private static readonly Dictionary<string, string[]> DynamicKeys = new()
    {
        ["FrameworkStrings"] =
        [
            "The request is not valid", "Sign-in is required", "Not allowed", "Not found", "Page not found", "Something went wrong on the server",
            "Too many requests", "Conflict", "Please sign in to continue.", "Check what you entered and try again.",
            "The page may have moved, or the address may be mistyped.", "The error has been logged. Try again later.",
            "Your account does not have permission to open this page. If you need it, ask your system administrator.",
            "Send a valid access token (Authorization: Bearer ...) or sign in.", "Your account does not have permission for this.",
            "Nothing exists at this address, or you may not see it.", "Check the fields named in the errors and send it again.",
        ],
        ["OrganizationStrings"] = ["Executive", "Manager", "General staff", "Role: Manager", "Role: Facilitator", "Role: Admin"],
        ["LearningStrings"] =
        [
            "Lesson", "Quiz", "Reflection", "Survey", "Workshop", "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
            "online", "in person or online", "in person", "Executives", "Managers", "General staff",
        ],
        ["CoursesStrings"] =
        [
            "Lesson", "Quiz", "Reflection", "Survey", "Workshop", "Executives", "Managers", "General staff", "Published", "Archived", "Draft (never published)",
            "Title", "Summary", "Settings", "Outline", "Body", "Links", "Facilitator notes", "Questions", "Survey items", "created", "updated", "unchanged",
            "This file is not a course export: only recipes with \"courses\" steps can be imported here.", "The file is not valid JSON.",
        ],
    };

    public static TheoryData<string, string, string> Projects => new()
    {
        { "src/Framework/Lms.Framework", "src/Framework/Lms.Framework/Resources/FrameworkStrings.ja.resx", "FrameworkStrings" },
        { "themes/Lms.Themes.Staff", "src/Framework/Lms.Framework/Resources/FrameworkStrings.ja.resx", "FrameworkStrings" },
        { "themes/Lms.Themes.Admin", "src/Framework/Lms.Framework/Resources/FrameworkStrings.ja.resx", "FrameworkStrings" },
        { "src/Modules/Lms.Modules.Organization", "src/Modules/Lms.Modules.Organization/Resources/OrganizationStrings.ja.resx", "OrganizationStrings" },
        { "src/Modules/Lms.Modules.Learning", "src/Modules/Lms.Modules.Learning/Resources/LearningStrings.ja.resx", "LearningStrings" },
        { "src/Modules/Lms.Modules.Courses", "src/Modules/Lms.Modules.Courses/Resources/CoursesStrings.ja.resx", "CoursesStrings" },
        { "src/Modules/Lms.Modules.Media", "src/Modules/Lms.Modules.Media/Resources/MediaStrings.ja.resx", "MediaStrings" },
        { "src/Modules/Lms.Modules.Templates", "src/Modules/Lms.Modules.Templates/Resources/TemplatesStrings.ja.resx", "TemplatesStrings" },
        { "src/Modules/Lms.Modules.Workshops", "src/Modules/Lms.Modules.Workshops/Resources/WorkshopsStrings.ja.resx", "WorkshopsStrings" },
        { "src/Modules/Lms.Modules.Gamification", "src/Modules/Lms.Modules.Gamification/Resources/GamificationStrings.ja.resx", "GamificationStrings" },
        { "src/Modules/Lms.Modules.Notifications", "src/Modules/Lms.Modules.Notifications/Resources/NotificationsStrings.ja.resx", "NotificationsStrings" },
        { "src/Modules/Lms.Modules.Certificates", "src/Modules/Lms.Modules.Certificates/Resources/CertificatesStrings.ja.resx", "CertificatesStrings" },
        { "src/Modules/Lms.Modules.Reporting", "src/Modules/Lms.Modules.Reporting/Resources/ReportingStrings.ja.resx", "ReportingStrings" },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_string_of_a_project_has_a_Japanese_translation(string project, string resx, string resource)
    {
        var root = TestPaths.RepositoryRoot();
        var translated = XDocument.Load(Path.Combine(root, resx)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var used = Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .Concat(DynamicKeys.GetValueOrDefault(resource, []))
            .Distinct()
            .Where(k => !k.EndsWith(": ", StringComparison.Ordinal) && k != "{0}");

        var missing = used.Where(k => !translated.TryGetValue(k, out var ja) || string.IsNullOrWhiteSpace(ja)).ToList();

        Assert.True(missing.Count == 0, "Missing Japanese for: " + string.Join(" | ", missing));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Resource_names_are_unique_ignoring_case(string project, string resx, string resource)
    {
        _ = (project, resource);
        // The resource compiler treats "Edited" and "edited" as one name and silently drops the second.
        var clashes = XDocument.Load(Path.Combine(TestPaths.RepositoryRoot(), resx)).Root!.Elements("data")
            .GroupBy(d => ((string)d.Attribute("name")!).ToUpperInvariant()).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(clashes.Count == 0, "Names differing only in case: " + string.Join(" | ", clashes));
    }
}
