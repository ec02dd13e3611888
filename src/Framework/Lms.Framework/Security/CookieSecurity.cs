using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Framework.Security;

/// <summary>
/// Flags on every cookie the site sets. Secure follows the request (SameAsRequest): behind HTTPS every cookie is
/// Secure, while http://localhost in development and tests keeps working; a site behind a TLS-terminating proxy
/// needs forwarded headers so that requests count as HTTPS.
/// </summary>
public static class CookieSecurity
{
    public static IServiceCollection AddLmsCookieSecurity(this IServiceCollection services)
    {
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>A floor for cookies set anywhere (modules, libraries): HttpOnly, at least SameSite=Lax, Secure on HTTPS.</summary>
    public static IApplicationBuilder UseLmsCookieSecurity(this IApplicationBuilder app) =>
        app.UseCookiePolicy(new CookiePolicyOptions
        {
            HttpOnly = HttpOnlyPolicy.Always,
            MinimumSameSitePolicy = SameSiteMode.Lax,
            Secure = CookieSecurePolicy.SameAsRequest,
        });
}
