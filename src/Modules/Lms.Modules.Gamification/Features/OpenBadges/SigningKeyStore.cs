using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lms.Framework.Data;
using Lms.Modules.Gamification.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>The key that signs Open Badges 3.0 credentials, as this site holds it (private half) and publishes it (public half).</summary>
internal sealed record ActiveSigningKey(string Id, string Algorithm, byte[] PrivateKeyPkcs8, JsonObject PublicJwk);

/// <summary>
/// Makes the site's signing key on first use and keeps it in <c>gamification_signing_keys</c>, the private
/// half protected by ASP.NET Core data protection (whose key ring is what an operator must back up with the
/// database). RS256 with a 3072-bit RSA key: Open Badges 3.0 makes RS256 the one algorithm every verifier
/// must support (ADR 0014).
/// </summary>
internal sealed class SigningKeyStore(GamificationDbContext db, IDataProtectionProvider protection, IMemoryCache cache, TimeProvider clock, ILogger<SigningKeyStore> logger)
{
    /// <summary>
    /// The id of the site's first key. A fixed id makes concurrent first uses collide on the primary key:
    /// one insert wins, the others read the winner, so no request ever signs with a key that is then lost.
    /// A rotated key gets the next number and becomes the one that signs; older keys stay published.
    /// </summary>
    public const string FirstKeyId = "ob-rs256-1";

    public const string Algorithm = SecurityAlgorithms.RsaSha256;

    private const int KeySize = 3072;
    private const string CacheKey = "gamification:openbadges:signing-key";
    private const string Purpose = "Lms.Gamification.OpenBadges.SigningKey.v1";

    /// <summary>The key that signs now (the newest), made if the site has none yet.</summary>
    public async Task<ActiveSigningKey> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out ActiveSigningKey? cached) && cached is not null)
        {
            return cached;
        }

        var row = Newest(await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken)) ?? await CreateFirstAsync(cancellationToken);
        var key = new ActiveSigningKey(row.Id, row.Algorithm, Unprotect(row), JsonNode.Parse(row.PublicJwk)!.AsObject());
        // Short-lived, so a key rotated by another node is picked up without a restart.
        cache.Set(CacheKey, key, TimeSpan.FromMinutes(10));
        return key;
    }

    /// <summary>Every public key (what the JWKS lists): credentials signed with an older key must stay verifiable.</summary>
    public async Task<IReadOnlyList<(string Id, JsonObject Jwk)>> PublicKeysAsync(CancellationToken cancellationToken) =>
        (await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)
            .Select(k => (k.Id, JsonNode.Parse(k.PublicJwk)!.AsObject()))
            .ToList();

    // Ordered in memory: SQLite cannot order by a DateTimeOffset column, and a site has a handful of keys.
    private static SigningKey? Newest(IEnumerable<SigningKey> keys) =>
        keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id, StringComparer.Ordinal).FirstOrDefault();

    private async Task<SigningKey> CreateFirstAsync(CancellationToken cancellationToken)
    {
        using var rsa = RSA.Create(KeySize);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = Algorithm,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        var row = new SigningKey
        {
            Id = FirstKeyId,
            Algorithm = Algorithm,
            ProtectedPrivateKey = protection.CreateProtector(Purpose).Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            PublicJwk = jwk.ToJsonString(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.SigningKeys.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Made the Open Badges signing key {KeyId}", row.Id);
            return row;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request made it first: use theirs, forget ours.
            db.ChangeTracker.Clear();
            return Newest(await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken))
                ?? throw new InvalidOperationException("The signing key another request made has vanished.");
        }
    }

    private byte[] Unprotect(SigningKey row) =>
        Convert.FromBase64String(protection.CreateProtector(Purpose).Unprotect(row.ProtectedPrivateKey));
}
