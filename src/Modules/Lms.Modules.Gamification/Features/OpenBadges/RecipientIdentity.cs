using System.Security.Cryptography;
using System.Text;

namespace Lms.Modules.Gamification.Features.OpenBadges;

/// <summary>
/// How a badge names its holder without naming them: the e-mail address, salted and hashed with SHA-256
/// (<c>sha256$</c> + hex, as both Open Badges 2.0 and 3.0 spell it).
/// </summary>
internal static class RecipientIdentity
{
    /// <summary>
    /// The salt of an award, derived from its id so that nothing is stored (no schema change) and the hosted
    /// assertion stays the same on every request, as the copy baked into an image must match it. A secret key
    /// would add nothing: the salt is published next to the hash. What the salt does achieve: each award
    /// hashes the same address differently, so one hash cannot be looked up in a table or matched to the
    /// holder's other badges.
    /// </summary>
    public static string SaltOf(Guid awardId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("lms:openbadges:salt:" + awardId.ToString("D"))).AsSpan(0, 16));

    /// <summary>
    /// <c>sha256$hex(SHA-256(email + salt))</c>. The address is trimmed and lower-cased first: backpacks and
    /// verifiers compare addresses that way, and the roster may hold either case.
    /// </summary>
    public static string Hash(string email, string salt) =>
        "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(email) + salt)));

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// The credential subject's id in Open Badges 3.0: a URN made for this one award (pairwise, like an
    /// OpenID pairwise subject), so the JWT's <c>sub</c> has a value that equals <c>credentialSubject.id</c>
    /// without disclosing the person's id or linking their badges to each other.
    /// </summary>
    public static string SubjectOf(Guid awardId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("lms:openbadges:subject:" + awardId.ToString("D"))).AsSpan(0, 16).ToArray();
        // A version-8 (custom) UUID: RFC 9562 leaves its bits to the maker, apart from version and variant.
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(bytes, bigEndian: true).ToString("D");
    }
}
