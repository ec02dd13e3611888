using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lms.Framework.Security;

/// <summary>Names of the rate-limit policies endpoints opt into (<c>[EnableRateLimiting]</c> or <c>.RequireRateLimiting</c>).</summary>
public static class RateLimitPolicies
{
    /// <summary>Sign-in and first-sign-in forms: only their POSTs count.</summary>
    public const string SignIn = "sign-in";

    /// <summary>The API's token endpoint.</summary>
    public const string Token = "token";
}

/// <summary>One fixed window: so many requests per client address per <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}

/// <summary><c>Lms:RateLimits</c>. Certificate verification has its own limit (<c>Lms:Certificates:VerifyRequestsPerMinute</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Lms:RateLimits";

    public RateLimitRule SignIn { get; set; } = new() { PermitLimit = 10 };

    public RateLimitRule Token { get; set; } = new() { PermitLimit = 10 };
}

public static class RateLimitServiceCollectionExtensions
{
    /// <summary>
    /// Per-client fixed windows on the endpoints that check secrets. A rejection is an empty 429 with Retry-After;
    /// the status-code pages turn it into the Japanese-first error page, or problem+json under /api.
    /// </summary>
    public static IServiceCollection AddLmsRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(RateLimitPolicies.SignIn, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? Partition(RateLimitPolicies.SignIn, context, context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.SignIn)
                    : RateLimitPartition.GetNoLimiter(""));
            o.AddPolicy(RateLimitPolicies.Token, context =>
                Partition(RateLimitPolicies.Token, context, context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Token));
        });
        return services;
    }

    /// <summary>The rule is part of the key, so a changed limit starts a fresh window instead of reusing the old one.</summary>
    private static RateLimitPartition<string> Partition(string policy, HttpContext context, RateLimitRule rule)
    {
        var permits = Math.Max(1, rule.PermitLimit);
        var window = TimeSpan.FromSeconds(Math.Max(1, rule.WindowSeconds));
        return RateLimitPartition.GetFixedWindowLimiter(
            $"{policy}|{ClientAddresses.PartitionKey(context.Connection.RemoteIpAddress)}|{permits}|{window.TotalSeconds}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true });
    }

    /// <summary>After routing, so the limiter sees the endpoint's policy.</summary>
    public static IApplicationBuilder UseLmsRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();
}

/// <summary>Whom a rate limit counts: one client address, the same rule for every limiter of the site.</summary>
public static class ClientAddresses
{
    /// <summary>A client address; IPv6 clients counted per /64, which one household or office usually has to itself.</summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "local";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
