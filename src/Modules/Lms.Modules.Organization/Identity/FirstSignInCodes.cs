using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace Lms.Modules.Organization.Identity;

/// <summary>
/// One-time codes for a first sign-in (or an admin-assisted password reset): the admin hands the code
/// over (printed slip, in person); the person chooses their own password with it. No password ever
/// travels by mail. Codes are stored hashed, expire, work once, and wrong tries count towards lockout.
/// </summary>
public sealed class FirstSignInCodes(UserManager<LmsUser> users, TimeProvider clock, IConfiguration configuration)
{
    private const string Provider = "Lms";
    private const string TokenName = "FirstSignInCode";
    // No 0/O, 1/I/L: codes are read off paper.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public TimeSpan Lifetime => TimeSpan.FromDays(configuration.GetValue("Lms:Auth:FirstSignInCodeDays", 14));

    /// <summary>A new code for the account (any earlier one stops working). Shown once, never stored in clear.</summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> IssueAsync(LmsUser user)
    {
        var (code, expiresAt, stored) = Create();
        var result = await users.SetAuthenticationTokenAsync(user, Provider, TokenName, stored);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return (code, expiresAt);
    }

    /// <summary>
    /// A code and the token row that stores it, for issuing thousands at once in one transaction
    /// (UserManager saves one person at a time).
    /// </summary>
    internal (string Code, DateTimeOffset ExpiresAt, IdentityUserToken<Guid> Token) CreateToken(Guid userId)
    {
        var (code, expiresAt, stored) = Create();
        return (code, expiresAt, new IdentityUserToken<Guid> { UserId = userId, LoginProvider = Provider, Name = TokenName, Value = stored });
    }

    private (string Code, DateTimeOffset ExpiresAt, string Stored) Create()
    {
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var code = $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
        var expiresAt = clock.GetUtcNow() + Lifetime;
        return (code, expiresAt, $"{Hash(code)}|{expiresAt.ToUnixTimeSeconds()}");
    }

    /// <summary>True once for a valid, unexpired code; the code is then used up.</summary>
    public async Task<bool> RedeemAsync(LmsUser user, string code)
    {
        var stored = await users.GetAuthenticationTokenAsync(user, Provider, TokenName);
        if (stored?.Split('|') is not [var hash, var expires] || !long.TryParse(expires, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var valid = clock.GetUtcNow() < DateTimeOffset.FromUnixTimeSeconds(seconds)
            && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(hash), Convert.FromHexString(Hash(Normalize(code))));
        if (valid)
        {
            await users.RemoveAuthenticationTokenAsync(user, Provider, TokenName);
        }

        return valid;
    }

    private static string Normalize(string code) => code.Trim().ToUpperInvariant().Normalize(NormalizationForm.FormKC).Replace(" ", "", StringComparison.Ordinal);

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Replace("-", "", StringComparison.Ordinal))));
}
