using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Framework.Security;

/// <summary>Rate limits, security headers and cookie flags, wired in one place.</summary>
public static class Hardening
{
    public static IServiceCollection AddLmsHardening(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLmsRateLimiting(configuration).AddLmsSecurityHeaders(configuration).AddLmsCookieSecurity();

    /// <summary>First in the pipeline, so that error pages and rejections carry the headers and cookie flags too.</summary>
    public static IApplicationBuilder UseLmsHardening(this IApplicationBuilder app) =>
        app.UseLmsSecurityHeaders().UseLmsCookieSecurity();
}
