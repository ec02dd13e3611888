using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Lms.Modules.Notifications.Domain;

/// <summary>
/// The preferences link in every e-mail: opens that person's notification settings without signing in.
/// The token is the staff id protected with the site's data-protection keys (kept in the data directory),
/// so it cannot be forged or pointed at someone else; it does not expire, like any unsubscribe link.
/// </summary>
internal sealed class PreferenceLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Lms.Notifications.PreferencesLink.v1");

    public string Token(Guid staffId) => WebEncoders.Base64UrlEncode(protector.Protect(staffId.ToByteArray()));

    public string Url(string baseUrl, Guid staffId) => $"{baseUrl}/notifications/preferences/{Token(staffId)}";

    public string OneClickUrl(string baseUrl, Guid staffId, string kind) => $"{baseUrl}/notifications/unsubscribe/{Token(staffId)}/{kind}";

    /// <summary>The staff id behind a token, or null for anything not made by <see cref="Token"/>.</summary>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500)
        {
            return null;
        }

        try
        {
            var bytes = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
