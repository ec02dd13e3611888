using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Lms.Tests.Organization.OpenIdConnect;

/// <summary>Who the provider says is signing in.</summary>
public sealed record ProviderPerson(string Subject, string? EmployeeNumber, string? Email, string Name = "庁内 太郎");

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server on Kestrel, 127.0.0.1, a free port) for one client. It has no
/// store and no login page: the authorization endpoint approves <see cref="NextPerson"/> at once, and the client,
/// its secret and its one redirect address are checked by the handlers below (OpenIddict's degraded mode).
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "lms-tests";
    public const string ClientSecret = "lms-tests-secret-4f1c2b";
    public const string RedirectUri = "https://localhost/signin-oidc";

    private readonly WebApplication app;

    private TestOpenIdProvider(WebApplication app, Uri authority)
    {
        this.app = app;
        Authority = authority;
    }

    public Uri Authority { get; }

    /// <summary>Approved at the next authorization request; null makes the provider answer access_denied.</summary>
    public ProviderPerson? NextPerson { get; set; }

    /// <summary>Token requests the provider answered (the back channel really went over the network).</summary>
    public int TokenRequests { get; private set; }

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        TestOpenIdProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile, "employee");
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.EnableDegradedMode();
            o.UseAspNetCore().DisableTransportSecurityRequirement();

            o.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (context.RedirectUri != RedirectUri)
                {
                    context.Reject(Errors.InvalidRequest, "This redirect_uri is not registered.");
                }

                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(context =>
            {
                provider!.TokenRequests++;
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
            o.AddEventHandler<HandleAuthorizationRequestContext>(h => h.UseInlineHandler(context =>
            {
                if (provider!.NextPerson is not { } person)
                {
                    context.Reject(Errors.AccessDenied, "The person declined.");
                    return default;
                }

                var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
                identity.AddClaim(new Claim(Claims.Subject, person.Subject));
                identity.AddClaim(new Claim(Claims.Name, person.Name));
                if (person.EmployeeNumber is not null)
                {
                    identity.AddClaim(new Claim("employee_number", person.EmployeeNumber));
                }

                if (person.Email is not null)
                {
                    identity.AddClaim(new Claim(Claims.Email, person.Email));
                }

                identity.SetScopes(context.Request.GetScopes());
                identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
                context.SignIn(new ClaimsPrincipal(identity));
                return default;
            }));
        });

        var app = builder.Build();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider = new TestOpenIdProvider(app, new Uri(address.TrimEnd('/') + "/"));
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
