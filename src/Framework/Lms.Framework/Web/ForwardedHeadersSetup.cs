using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Framework.Web;

/// <summary>
/// <c>Lms:ForwardedHeaders</c>: behind a reverse proxy (nginx), the client's address and scheme come from
/// X-Forwarded-For and X-Forwarded-Proto, trusted only from the proxies named (loopback unless configured).
/// Off unless <c>Enabled</c>: a site reached directly must not let clients choose their own address.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "Lms:ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies whose headers are believed, e.g. <c>["10.0.0.5"]</c>. Loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR notation, e.g. <c>["10.0.0.0/24"]</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are in front of the site (the entries of X-Forwarded-For read from the right).</summary>
    public int ForwardLimit { get; set; } = 1;
}

internal static class ForwardedHeadersSetup
{
    public static void AddLmsForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new();
        services.AddSingleton(settings);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/24)."));
            }
        });
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's address and scheme.</summary>
    public static void UseLmsForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ForwardedHeadersSettings>().Enabled)
        {
            app.UseForwardedHeaders();
        }
    }
}
