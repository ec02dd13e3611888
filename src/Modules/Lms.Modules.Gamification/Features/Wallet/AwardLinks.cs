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

    /// <summary>Open Badges 2.0 assertion (JSON-LD).</summary>
    public static string Assertion(Guid awardId) => $"/api/v1/badges/assertions/{awardId}";

    /// <summary>Open Badges 3.0 verifiable credential.</summary>
    public static string Credential(Guid awardId) => $"/api/v1/badges/credentials/{awardId}";

    /// <summary>The badge image with the assertion baked in, to download and keep or upload to a backpack.</summary>
    public static string BakedImage(Guid awardId) => $"/api/v1/badges/assertions/{awardId}/image";

    /// <summary>
    /// The site's own address: the configured base URL (what the outside world sees behind a proxy), else the request's.
    /// </summary>
    public static string Origin(SiteSettings site, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        return site.BaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
    }
}
