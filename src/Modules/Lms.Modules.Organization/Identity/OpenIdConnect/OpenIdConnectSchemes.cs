using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Organization.Identity.OpenIdConnect;

/// <summary>
/// Keeps the OpenID Connect scheme in step with the settings: present while they are enabled and valid, absent
/// otherwise (an invalid section is logged and leaves local sign-in as the only way in). A change to
/// appsettings.json takes effect without a restart.
/// </summary>
internal sealed class OpenIdConnectSchemes(
    IAuthenticationSchemeProvider schemes,
    IOptionsMonitor<OpenIdConnectSettings> settings,
    IOptionsMonitorCache<OpenIdConnectOptions> handlerOptions,
    ILogger<OpenIdConnectSchemes> logger) : IHostedService, IDisposable
{
    private readonly Lock gate = new();
    private IDisposable? subscription;
    private volatile OpenIdConnectSettings? active;

    /// <summary>The settings in use, or null while single sign-on is off.</summary>
    public OpenIdConnectSettings? Active => active;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Apply(settings.CurrentValue);
        subscription = settings.OnChange(Apply);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        subscription = null;
        return Task.CompletedTask;
    }

    public void Dispose() => subscription?.Dispose();

    private void Apply(OpenIdConnectSettings current)
    {
        lock (gate)
        {
            var problems = current.Enabled ? current.Problems() : [];
            if (problems.Count > 0)
            {
                logger.LogError("Single sign-on stays off until its settings are corrected: {Problems}", string.Join(" ", problems));
            }

            var wanted = current.Enabled && problems.Count == 0;
            // New settings mean new handler options (and a fresh read of the provider's discovery document).
            handlerOptions.TryRemove(OpenIdConnectSetup.Scheme);
            var registered = active is not null;
            if (wanted && !registered)
            {
                schemes.TryAddScheme(new AuthenticationScheme(OpenIdConnectSetup.Scheme, current.DisplayName, typeof(OpenIdConnectHandler)));
            }
            else if (!wanted && registered)
            {
                schemes.RemoveScheme(OpenIdConnectSetup.Scheme);
            }

            if (wanted)
            {
                logger.LogInformation("Single sign-on through {Authority} is on, matching staff by {Match}", current.Authority, current.Match);
            }
            else if (registered)
            {
                logger.LogInformation("Single sign-on is off");
            }

            active = wanted ? current : null;
        }
    }
}
