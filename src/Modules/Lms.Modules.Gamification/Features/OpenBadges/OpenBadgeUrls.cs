using Lms.Framework.Settings;
using Lms.Modules.Gamification.Data;
using Lms.Modules.Gamification.Domain;
using Microsoft.AspNetCore.Http;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>
/// The absolute addresses Open Badges documents point at. Verifiers follow them from another site, so they
/// are built from the configured public address (the site's BaseUrl) when there is one, else from the
/// address the request came to.
/// </summary>
internal sealed record OpenBadgeUrls(string Base)
{
    public const string ApiPrefix = "/api/v1/badges";
    public const string JwksPath = "/.well-known/jwks.json";

    public static async Task<OpenBadgeUrls> ForAsync(HttpContext http, ISiteSettingsService settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(http);
        return new OpenBadgeUrls(Origin(await settings.GetAsync(cancellationToken), http.Request));
    }

    /// <summary>The site's own address: the configured base URL (what the outside world sees behind a proxy), else the request's.</summary>
    public static string Origin(SiteSettings site, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(request);
        var root = site.BaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return root.TrimEnd('/');
    }

    /// <summary>The same addresses relative to the site (for links on its own pages).</summary>
    public static readonly OpenBadgeUrls Relative = new("");

    public string Issuer => $"{Base}{ApiPrefix}/issuer";

    public string Jwks => Base + JwksPath;

    public string BadgeClass(Guid badgeId) => $"{Base}{ApiPrefix}/classes/{badgeId}";

    public string Assertion(Guid awardId) => $"{Base}{ApiPrefix}/assertions/{awardId}";

    public string BakedImage(Guid awardId) => $"{Assertion(awardId)}/image";

    public string Credential(Guid awardId) => $"{Base}{ApiPrefix}/credentials/{awardId}";

    /// <summary>The key's id as JWT headers and the JWKS name it: a URL that answers with the key (OB 3.0 wants a dereferenceable kid).</summary>
    public string Key(string keyId) => $"{Base}{ApiPrefix}/keys/{Uri.EscapeDataString(keyId)}";

    public string Image(Badge badge) => Base + BadgeImages.PathOf(badge);
}
