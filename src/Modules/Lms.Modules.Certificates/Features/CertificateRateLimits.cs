using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Lms.Modules.Certificates.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Certificates.Features;

/// <summary>
/// Verification look-ups are limited per client address (a fixed window per minute, page and API together),
/// so nobody can try codes in bulk. Over the limit: 429 with Retry-After and a message in the caller's language.
/// </summary>
internal static class CertificateRateLimits
{
    public const string Verify = "certificates-verify";

    public static void Add(IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Verify, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<CertificateOptions>>().Value.VerifyRequestsPerMinute;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "local";
                return RateLimitPartition.GetFixedWindowLimiter($"{Verify}|{client}|{perMinute}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, perMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "60";
                var T = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<CertificatesStrings>>();
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(T["Too many look-ups from your address. Wait a minute and try again."], cancellationToken);
            };
        });
    }
}
