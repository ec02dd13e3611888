using System.Globalization;
using System.Text.Json.Nodes;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>The Open Badges 2.0 hosted documents (JSON-LD): Assertion, BadgeClass and the issuer's Profile.</summary>
internal static class OpenBadges2Documents
{
    public const string Context = "https://w3id.org/openbadges/v2";

    /// <summary>
    /// The Assertion; null when the holder has no e-mail. Open Badges 2.0 names a recipient only by a
    /// "serviceable identifier" of their profile: <c>email</c>, <c>url</c> or <c>telephone</c>. The roster
    /// knows no web page or telephone number of a person, and an invented URL would be an identity nobody
    /// can prove to hold, i.e. a badge of nobody. So without an address there is no 2.0 assertion (the
    /// 3.0 credential, whose subject needs no such identifier, is still offered).
    /// </summary>
    public static JsonObject? Assertion(AwardFacts award, OpenBadgeUrls urls)
    {
        if (award.IdentityHash is not { } identity)
        {
            return null;
        }

        return new JsonObject
        {
            ["@context"] = Context,
            ["type"] = "Assertion",
            ["id"] = urls.Assertion(award.Id),
            ["recipient"] = new JsonObject
            {
                ["type"] = "email",
                ["hashed"] = true,
                ["salt"] = award.Salt,
                ["identity"] = identity,
            },
            ["badge"] = urls.BadgeClass(award.Badge.Id),
            ["verification"] = new JsonObject { ["type"] = "hosted" },
            ["issuedOn"] = Timestamp(award.AwardedAt),
            ["image"] = urls.BakedImage(award.Id),
            ["evidence"] = new JsonObject { ["type"] = "Evidence", ["narrative"] = award.Evidence },
        };
    }

    /// <summary>What a revoked hosted assertion answers with its 410: only <c>id</c> and <c>revoked</c> are required.</summary>
    public static JsonObject Revoked(AwardFacts award, OpenBadgeUrls urls)
    {
        var body = new JsonObject
        {
            ["@context"] = Context,
            ["type"] = "Assertion",
            ["id"] = urls.Assertion(award.Id),
            ["revoked"] = true,
        };
        if (award.RevokedReason is { Length: > 0 } reason)
        {
            body["revocationReason"] = reason;
        }

        return body;
    }

    public static JsonObject BadgeClass(BadgeFacts badge, OpenBadgeUrls urls) => new()
    {
        ["@context"] = Context,
        ["type"] = "BadgeClass",
        ["id"] = urls.BadgeClass(badge.Id),
        ["name"] = badge.Name,
        ["description"] = badge.Description,
        ["image"] = badge.ImageUrl,
        ["criteria"] = new JsonObject { ["narrative"] = badge.Criteria },
        ["issuer"] = urls.Issuer,
    };

    public static JsonObject Issuer(IssuerFacts issuer, OpenBadgeUrls urls)
    {
        var profile = new JsonObject
        {
            ["@context"] = Context,
            ["type"] = "Profile",
            ["id"] = urls.Issuer,
            ["name"] = issuer.Name,
            ["url"] = issuer.Url,
        };
        if (issuer.Email is { Length: > 0 } email)
        {
            profile["email"] = email;
        }

        return profile;
    }

    /// <summary>ISO 8601 in UTC to the second (Open Badges wants a zone; seconds keep JWT <c>nbf</c> equal to it).</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
