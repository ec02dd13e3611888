using Lms.Framework.Settings;
using Microsoft.AspNetCore.Http;

namespace Lms.Modules.Gamification.Features.Wallet;

/// <summary>
/// The addresses of an award: its public page, and its Open Badges documents (served by the Open Badges
/// export; these paths are the contract with it).
/// </summary>
internal static class AwardLinks
{
    public static string PublicPage(Guid awardId) => $"/badges/awards/{awardId}";

    // The Open Badges paths come from the export itself, so the links cannot drift from what it serves.

    /// <summary>Open Badges 2.0 assertion (JSON-LD).</summary>
    public static string Assertion(Guid awardId) => OpenBadges.OpenBadgeUrls.Relative.Assertion(awardId);

    /// <summary>Open Badges 3.0 verifiable credential.</summary>
    public static string Credential(Guid awardId) => OpenBadges.OpenBadgeUrls.Relative.Credential(awardId);

    /// <summary>The badge image with the assertion baked in, to download and keep or upload to a backpack.</summary>
    public static string BakedImage(Guid awardId) => OpenBadges.OpenBadgeUrls.Relative.BakedImage(awardId);

    /// <summary>The site's own address (see <see cref="OpenBadges.OpenBadgeUrls.Origin"/>).</summary>
    public static string Origin(SiteSettings site, HttpRequest request) => OpenBadges.OpenBadgeUrls.Origin(site, request);
}
