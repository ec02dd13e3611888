using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Lms.Modules.Courses.Domain;

/// <summary>
/// Keys of things written in the CMS. Ids derive from keys (as for recipes), so a key never changes
/// once given: learners' progress and exported recipes depend on it.
/// </summary>
internal static partial class ContentKeys
{
    public static string New(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    /// <summary>Lower-case letters, digits and hyphens, 2 to 60 characters, starting with a letter or digit.</summary>
    public static bool IsValid(string? key) => key is not null && Pattern().IsMatch(key);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,59}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
