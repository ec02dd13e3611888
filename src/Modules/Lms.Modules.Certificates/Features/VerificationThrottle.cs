using System.Threading.RateLimiting;
using Lms.Framework.Security;
using Lms.Modules.Certificates.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lms.Modules.Certificates.Features;

/// <summary>
/// Limits verification look-ups per client (page and API together; a fixed window a minute), so nobody can try
/// codes in bulk. Only look-ups count: opening the empty form or the redirect from it do not. IPv6 clients are
/// counted per /64 (<see cref="Lms.Framework.Security.ClientAddresses"/>, as every rate limit of the site). Behind nginx the client address is the
/// proxy's unless <c>Lms:ForwardedHeaders</c> is enabled.
/// </summary>
internal sealed class VerificationThrottle(IOptions<CertificateOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, int.Parse(key[(key.LastIndexOf('|') + 1)..], System.Globalization.CultureInfo.InvariantCulture)),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    }));

    /// <summary>True when the client may look a code up now (and counts the look-up).</summary>
    public bool TryLookUp(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire($"{ClientAddresses.PartitionKey(context.Connection.RemoteIpAddress)}|{options.Value.VerifyRequestsPerMinute}");
        if (lease.IsAcquired)
        {
            return true;
        }

        context.Response.Headers.RetryAfter = "60";
        return false;
    }

    public void Dispose() => limiter.Dispose();
}
