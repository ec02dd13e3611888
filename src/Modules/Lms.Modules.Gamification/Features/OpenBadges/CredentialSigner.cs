using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>
/// Signs an <c>OpenBadgeCredential</c> as a VC-JWT (compact JWS). The payload is the credential itself, as
/// the VC Data Model 2.0 and VC-JOSE-COSE have it (no <c>vc</c> claim), plus the JWT claims Open Badges 3.0
/// asks for, each equal to the credential property it mirrors: <c>iss</c> = issuer.id, <c>jti</c> = id,
/// <c>sub</c> = credentialSubject.id, <c>nbf</c> = validFrom. No <c>exp</c> (the badge does not expire) and
/// no <c>iat</c>, so the same award always gives the same token.
/// The header is what Open Badges 3.0 allows and no more: <c>alg</c>, <c>kid</c> (a URL that answers with the
/// public JWK), <c>typ</c> "JWT" (the only value it permits; no <c>jku</c>, as other header parameters are not allowed).
/// </summary>
internal static class CredentialSigner
{
    public static string Sign(JsonObject credential, ActiveSigningKey key, OpenBadgeUrls urls)
    {
        var payload = credential.DeepClone().AsObject();
        payload["iss"] = credential["issuer"]!["id"]!.GetValue<string>();
        payload["jti"] = credential["id"]!.GetValue<string>();
        payload["sub"] = credential["credentialSubject"]!["id"]!.GetValue<string>();
        payload["nbf"] = DateTimeOffset.Parse(credential["validFrom"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

        // A fresh RSA object per token: an instance is not documented to be safe to share across threads.
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(key.PrivateKeyPkcs8, out _);
        var credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = urls.Key(key.Id) }, key.Algorithm)
        {
            // The key object lives for this call only; a cached provider would outlive it.
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(OpenBadgeJson.Options), credentials,
            new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = "JWT" });
    }
}
