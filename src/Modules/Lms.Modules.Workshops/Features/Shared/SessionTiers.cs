using Lms.Contracts.Organization;

namespace Lms.Modules.Workshops.Features.Shared;

/// <summary>A session's tiers are stored as "general,manager"; empty means everyone enrolled.</summary>
internal static class SessionTiers
{
    public static IReadOnlyList<StaffTier> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => StaffTierNames.TryParse(t, out var tier) ? tier : (StaffTier?)null)
            .OfType<StaffTier>().Distinct().Order().ToList();

    public static string Format(IEnumerable<StaffTier> tiers) => string.Join(',', tiers.Distinct().Order().Select(t => t.ToApiValue()));

    public static bool Admits(string stored, StaffTier tier)
    {
        var tiers = Parse(stored);
        return tiers.Count == 0 || tiers.Contains(tier);
    }
}
