using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lms.Framework.Security;

/// <summary><c>Lms:SecurityHeaders</c>.</summary>
public sealed class SecurityHeadersOptions
{
    public const string Section = "Lms:SecurityHeaders";

    /// <summary>Strict-Transport-Security max-age, sent on HTTPS responses only; 0 sends none.</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Only when every host under the site's domain is on HTTPS (a city's other sites may not be).</summary>
    public bool HstsIncludeSubDomains { get; set; }

    /// <summary>
    /// Origins a form may post (or be redirected) to besides this site, e.g. an external sign-in provider
    /// (<c>https://login.example.jp</c>); browsers apply form-action to the redirects that follow a post.
    /// </summary>
    public List<string> FormActionSources { get; set; } = [];
}

/// <summary>
/// Headers that tell browsers what this site's pages may do: no script but the site's own files, no framing, no
/// plugins, no leaking of paths to other sites. A response that already carries a Content-Security-Policy (media
/// files, which sandbox themselves) keeps its own.
/// </summary>
public static class SecurityHeaders
{
    // Styles: views set widths of progress bars with style="" and a few pages carry <style> blocks; the risk
    // 'unsafe-inline' leaves for styles (CSS-based exfiltration) is small next to that for scripts, which stay 'self'.
    private const string SitePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self'; connect-src 'self'; media-src 'self' https:; object-src 'none'; base-uri 'self'; " +
        "frame-ancestors 'none'; form-action 'self'";

    // Hangfire's dashboard writes inline scripts and styles; it is for admins only and never framed.
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    private const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public static IServiceCollection AddLmsSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityHeadersOptions>().Bind(configuration.GetSection(SecurityHeadersOptions.Section));
        return services;
    }

    /// <summary>First in the pipeline, so error pages and rejections get the headers too.</summary>
    public static IApplicationBuilder UseLmsSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value;
        var sitePolicy = options.FormActionSources.Count == 0 ? SitePolicy : SitePolicy + " " + string.Join(' ', options.FormActionSources);
        var hsts = options.HstsMaxAgeDays <= 0
            ? null
            : "max-age=" + ((long)TimeSpan.FromDays(options.HstsMaxAgeDays).TotalSeconds).ToString(CultureInfo.InvariantCulture)
              + (options.HstsIncludeSubDomains ? "; includeSubDomains" : "");

        return app.Use((context, next) =>
        {
            var dashboard = context.Request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = dashboard ? DashboardPolicy : sitePolicy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                if (hsts is not null && context.Request.IsHttps && !IsLoopback(context.Request.Host.Host))
                {
                    headers.StrictTransportSecurity = hsts;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    // As UseHsts does: a developer's https://localhost must not pin every local port to HTTPS for a year.
    private static bool IsLoopback(string host) =>
        host is "localhost" or "127.0.0.1" or "[::1]" || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
