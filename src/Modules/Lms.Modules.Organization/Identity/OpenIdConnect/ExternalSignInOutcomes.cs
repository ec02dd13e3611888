namespace Lms.Modules.Organization.Identity.OpenIdConnect;

internal enum ExternalSignInOutcome
{
    SignedIn,
    NotOnRoster,
    Inactive,
    NoAccount,
    LockedOut,
    MissingClaim,
    ProviderFailed,
}

internal static class ExternalSignInOutcomes
{
    public const string RefusedPage = "/account/sign-in/refused";

    public static string RefusedPath(ExternalSignInOutcome outcome) => $"{RefusedPage}?reason={Code(outcome)}";

    public static string Code(ExternalSignInOutcome outcome) => outcome switch
    {
        ExternalSignInOutcome.NotOnRoster => "unknown",
        ExternalSignInOutcome.Inactive => "inactive",
        ExternalSignInOutcome.NoAccount => "no-account",
        ExternalSignInOutcome.LockedOut => "locked",
        ExternalSignInOutcome.MissingClaim => "no-claim",
        _ => "failed",
    };

    /// <summary>Only a path on this site (an open redirect would hand the fresh session's user to anyone).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
