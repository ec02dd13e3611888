namespace Lms.Modules.Organization.Identity.OpenIdConnect;

/// <summary>Which staff record a person signed in at the provider is.</summary>
public enum StaffMatch
{
    EmployeeNumber = 0,
    Email = 1,
}

/// <summary>
/// Single sign-on through an OpenID Connect provider, beside local accounts (section
/// <c>Lms:Authentication:OpenIdConnect</c>). Off unless <see cref="Enabled"/> is set and the rest is valid.
/// </summary>
public sealed class OpenIdConnectSettings
{
    public const string Section = "Lms:Authentication:OpenIdConnect";

    public bool Enabled { get; set; }
    /// <summary>The provider's issuer address; its discovery document is read from /.well-known/openid-configuration below it.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The label of the button on the sign-in page.</summary>
    public string DisplayName { get; set; } = "庁内アカウントでサインイン";
    /// <summary>"EmployeeNumber" or "Email" (text, so a typing mistake is reported instead of failing the binding).</summary>
    public string MatchBy { get; set; } = nameof(StaffMatch.EmployeeNumber);
    /// <summary>The claim that carries the employee number or the e-mail address; defaults by <see cref="MatchBy"/>.</summary>
    public string? ClaimType { get; set; }
    /// <summary>Scopes asked for besides <c>openid</c>.</summary>
    public IList<string> Scopes { get; set; } = [];
    public string CallbackPath { get; set; } = "/signin-oidc";
    /// <summary>Asks the user-info endpoint as well, for providers that leave the claim out of the id_token.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }
    /// <summary>Gives a person on the staff roster who has no sign-in account yet one on first sign-in; nobody off the roster is ever let in.</summary>
    public bool AutoCreateAccounts { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;

    public StaffMatch? Match => Enum.TryParse<StaffMatch>(MatchBy?.Trim(), ignoreCase: true, out var match) && Enum.IsDefined(match) ? match : null;

    public string EffectiveClaimType => string.IsNullOrWhiteSpace(ClaimType)
        ? Match == StaffMatch.Email ? "email" : "employee_number"
        : ClaimType.Trim();

    /// <summary>Why these settings cannot be used, or nothing when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{Section}:Authority must be the provider's absolute address (https://...).");
        }
        else if (RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{Section}:Authority must use https unless RequireHttpsMetadata is false.");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            problems.Add($"{Section}:ClientId is required.");
        }

        if (string.IsNullOrWhiteSpace(CallbackPath) || !CallbackPath.StartsWith('/') || CallbackPath.StartsWith("//", StringComparison.Ordinal))
        {
            problems.Add($"{Section}:CallbackPath must be a path on this site, such as /signin-oidc.");
        }

        if (Match is null)
        {
            problems.Add($"{Section}:MatchBy must be EmployeeNumber or Email (was \"{MatchBy}\").");
        }

        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            problems.Add($"{Section}:DisplayName must not be empty.");
        }

        return problems;
    }
}
