using System.Text.Json.Nodes;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>The Open Badges 3.0 <c>OpenBadgeCredential</c> of an award (a W3C Verifiable Credential 2.0).</summary>
internal static class OpenBadges3Credential
{
    public static readonly string[] Context = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];

    public static string IdOf(Guid awardId) => "urn:uuid:" + awardId.ToString("D");

    public static JsonObject Build(AwardFacts award, OpenBadgeUrls urls)
    {
        var issuedAt = OpenBadges2Documents.Timestamp(award.AwardedAt);
        var subject = new JsonObject
        {
            ["id"] = RecipientIdentity.SubjectOf(award.Id),
            ["type"] = new JsonArray("AchievementSubject"),
        };
        if (award.IdentityHash is { } hash)
        {
            subject["identifier"] = new JsonArray(new JsonObject
            {
                ["type"] = "IdentityObject",
                ["identityHash"] = hash,
                ["identityType"] = "emailAddress",
                ["hashed"] = true,
                ["salt"] = award.Salt,
            });
        }

        subject["achievement"] = new JsonObject
        {
            ["id"] = urls.BadgeClass(award.Badge.Id),
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "Badge",
            ["name"] = award.Badge.Name,
            ["description"] = award.Badge.Description,
            ["criteria"] = new JsonObject { ["narrative"] = award.Badge.Criteria },
            ["image"] = new JsonObject { ["id"] = award.Badge.ImageUrl, ["type"] = "Image" },
        };

        var issuer = new JsonObject
        {
            ["id"] = urls.Issuer,
            ["type"] = new JsonArray("Profile"),
            ["name"] = award.Issuer.Name,
            ["url"] = award.Issuer.Url,
        };
        if (award.Issuer.Email is { Length: > 0 } email)
        {
            issuer["email"] = email;
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray([.. Context.Select(c => (JsonNode)c)]),
            ["id"] = IdOf(award.Id),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = issuer,
            ["validFrom"] = issuedAt,
            ["awardedDate"] = issuedAt,
            ["name"] = award.Badge.Name,
            ["credentialSubject"] = subject,
            ["evidence"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("Evidence"), ["narrative"] = award.Evidence }),
        };
    }
}
