using System.Net;
using System.Net.Http.Json;
using Lms.Framework.Security;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lms.Tests.Platform;

public sealed class HardeningTests(LmsAppFactory factory) : SiteTest(factory)
{
    [Fact]
    public async Task Too_many_sign_in_posts_get_a_Japanese_429_with_Retry_After_and_the_next_window_works_again()
    {
        await WithRuleAsync(o => o.SignIn, async () =>
        {
            var client = SiteClient.Create(Factory);
            for (var i = 0; i < 2; i++)
            {
                var allowed = await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "nobody", ["Password"] = "wrong-password" });
                Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode); // the form again, with its error
            }

            // Opening the form does not count, posting it does.
            var rejected = await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "nobody", ["Password"] = "wrong-password" });
            Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
            var retryAfter = int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 1, 5);
            var page = await rejected.Content.ReadAsStringAsync();
            Assert.Contains("<html lang=\"ja\">", page);
            Assert.Contains("リクエストが多すぎます", page);

            await Task.Delay(TimeSpan.FromSeconds(retryAfter + 0.5));
            var again = await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "nobody", ["Password"] = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        });
    }

    [Fact]
    public async Task Too_many_token_requests_get_a_problem_429_with_Retry_After_and_the_next_window_works_again()
    {
        await WithRuleAsync(o => o.Token, async () =>
        {
            var client = SiteClient.Create(Factory);
            var body = new { userName = "nobody", password = "wrong-password" };
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/token", body)).StatusCode);
            }

            var rejected = await client.PostAsJsonAsync("/api/v1/auth/token", body);
            Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
            Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
            var retryAfter = int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 1, 5);
            Assert.Contains("リクエストが多すぎます", await rejected.Content.ReadAsStringAsync());

            await Task.Delay(TimeSpan.FromSeconds(retryAfter + 0.5));
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/token", body)).StatusCode);
        });
    }

    [Theory]
    [InlineData("/account/sign-in", HttpStatusCode.OK)]
    [InlineData("/api/v1/me", HttpStatusCode.Unauthorized)]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.Redirect)]
    public async Task Pages_API_answers_and_errors_carry_the_security_headers(string path, HttpStatusCode status)
    {
        var response = await SiteClient.Create(Factory).GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("form-action 'self'", directives["form-action"]);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    [Fact]
    public async Task Over_HTTPS_a_sign_in_sets_Secure_HttpOnly_SameSite_cookies_and_HSTS()
    {
        await Factory.SeedDemoAsync();
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://lms.example.jp"), AllowAutoRedirect = false });

        var form = await client.GetAsync("/account/sign-in");
        Assert.Equal("max-age=31536000", Header(form, "Strict-Transport-Security"));
        var antiforgery = Cookie(form, ".AspNetCore.Antiforgery.");
        Assert.Contains("secure", antiforgery);
        Assert.Contains("httponly", antiforgery);
        Assert.Contains("samesite=strict", antiforgery);

        var signedIn = await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "demo-staff", ["Password"] = SiteClient.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Cookie(signedIn, "lms.auth=");
        Assert.Contains("secure", auth);
        Assert.Contains("httponly", auth);
        Assert.Contains("samesite=lax", auth);

        var switched = await SiteClient.PostFormAsync(client, "/culture", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/");
        var culture = Cookie(switched, ".AspNetCore.Culture=");
        Assert.Contains("secure", culture);
        Assert.Contains("httponly", culture);
        Assert.Contains("samesite=lax", culture);
    }

    [Fact]
    public async Task Over_plain_HTTP_cookies_are_not_marked_Secure_so_localhost_keeps_working()
    {
        await Factory.SeedDemoAsync();
        var client = SiteClient.Create(Factory);

        var signedIn = await SiteClient.PostFormAsync(client, "/account/sign-in", new() { ["Login"] = "demo-staff", ["Password"] = SiteClient.DemoPassword });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Cookie(signedIn, "lms.auth=");
        Assert.DoesNotContain("secure", auth);
        Assert.Contains("httponly", auth);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    /// <summary>Runs <paramref name="test"/> with a limit of 2 requests per 5 seconds, then puts the suite's limit back.</summary>
    private async Task WithRuleAsync(Func<RateLimitOptions, RateLimitRule> select, Func<Task> test)
    {
        var rule = select(Factory.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        var (limit, window) = (rule.PermitLimit, rule.WindowSeconds);
        rule.PermitLimit = 2;
        rule.WindowSeconds = 5;
        try
        {
            await test();
        }
        finally
        {
            (rule.PermitLimit, rule.WindowSeconds) = (limit, window);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri}");

    private static string Cookie(HttpResponseMessage response, string prefix) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(prefix, StringComparison.Ordinal)) is { } cookie
            ? cookie.ToLowerInvariant()
            : throw new Xunit.Sdk.XunitException($"no {prefix} cookie set by {response.RequestMessage?.RequestUri}");
}
