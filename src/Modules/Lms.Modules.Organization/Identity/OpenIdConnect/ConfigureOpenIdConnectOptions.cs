using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Lms.Modules.Organization.Identity.OpenIdConnect;

/// <summary>Builds the handler's options from the current settings (the options cache is emptied when they change).</summary>
internal sealed class ConfigureOpenIdConnectOptions(IOptionsMonitor<OpenIdConnectSettings> settings) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != OpenIdConnectSetup.Scheme)
        {
            return;
        }

        var s = settings.CurrentValue;
        options.Authority = s.Authority;
        options.ClientId = s.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(s.ClientSecret) ? null : s.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.CallbackPath = s.CallbackPath;
        options.RequireHttpsMetadata = s.RequireHttpsMetadata;
        options.GetClaimsFromUserInfoEndpoint = s.GetClaimsFromUserInfoEndpoint;
        options.SaveTokens = false;
        // Claims keep the provider's names, so ClaimType means what the provider's documentation says.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "name";
        // Never used for a session: the ticket is turned into the site's own cookie in OnTicketReceived.
        options.SignInScheme = IdentityConstants.ExternalScheme;

        options.Scope.Clear();
        options.Scope.Add(OpenIdConnectScope.OpenId);
        if (s.Match == StaffMatch.Email)
        {
            options.Scope.Add(OpenIdConnectScope.Email);
        }

        foreach (var scope in s.Scopes.Select(x => x.Trim()).Where(x => x.Length > 0 && !options.Scope.Contains(x)))
        {
            options.Scope.Add(scope);
        }

        options.ClaimActions.MapUniqueJsonKey(s.EffectiveClaimType, s.EffectiveClaimType);

        options.Events.OnTicketReceived = context =>
            context.HttpContext.RequestServices.GetRequiredService<ExternalStaffSignIn>().CompleteAsync(context);
        options.Events.OnRemoteFailure = context =>
        {
            // A cancelled sign-in at the provider, a wrong client secret, an expired correlation cookie: a page, not a 500.
            context.HttpContext.RequestServices.GetRequiredService<ILogger<ConfigureOpenIdConnectOptions>>()
                .LogWarning(context.Failure, "Single sign-on failed at the provider or on the way back");
            context.HandleResponse();
            context.Response.Redirect(ExternalSignInOutcomes.RefusedPath(ExternalSignInOutcome.ProviderFailed));
            return Task.CompletedTask;
        };
    }
}
