using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Identity;

/// <summary>Identity's own messages are English only; these say them in the person's language.</summary>
public static class PasswordMessages
{
    public static string Describe(IdentityError error, IStringLocalizer<OrganizationStrings> T)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(T);
        return error.Code switch
        {
            "PasswordMismatch" => T["The current password is not correct."],
            "PasswordTooShort" => T["The new password is too short (at least 10 characters)."],
            "PasswordRequiresDigit" => T["The new password needs a digit (0-9)."],
            "PasswordRequiresLower" => T["The new password needs a lower-case letter (a-z)."],
            "PasswordRequiresUpper" => T["The new password needs an upper-case letter (A-Z)."],
            "PasswordRequiresNonAlphanumeric" => T["The new password needs a symbol (e.g. ! or -)."],
            "PasswordRequiresUniqueChars" => T["The new password needs more different characters."],
            _ => error.Description,
        };
    }
}
