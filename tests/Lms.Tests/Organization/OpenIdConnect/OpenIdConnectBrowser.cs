using System.Net;
using System.Text.RegularExpressions;
using Lms.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lms.Tests.Organization.OpenIdConnect;

/// <summary>
/// Plays the browser between the site (in-process, addressed as https://localhost so the Secure correlation and nonce
/// cookies travel) and the provider (real HTTP on loopback): the button, the provider's authorization endpoint, and
/// the form the provider posts back to the site.
/// </summary>
internal static partial class OpenIdConnectBrowser
{
    public static HttpClient Site(LmsAppFactory factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>Presses the single sign-on button and follows the person through the provider; returns the site's answer to the callback.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient site, TestOpenIdProvider provider, string? returnUrl = null)
    {
        var page = await site.GetStringAsync("/account/sign-in");
        var challenge = await site.PostAsync("/account/sign-in/external", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(page),
            ["ReturnUrl"] = returnUrl ?? "",
        }));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(provider.Authority.AbsoluteUri + "connect/authorize?", authorize.AbsoluteUri);
        Assert.Contains("code_challenge_method=S256", authorize.Query);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var answer = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var (action, fields) = FormPost(await answer.Content.ReadAsStringAsync());
        Assert.Equal(TestOpenIdProvider.RedirectUri, action);

        return await site.PostAsync(new Uri(action).PathAndQuery, new FormUrlEncodedContent(fields));
    }

    /// <summary>The provider answers with response_mode=form_post: a page whose form carries the code (or the error) back.</summary>
    private static (string Action, Dictionary<string, string> Fields) FormPost(string html)
    {
        var action = ActionPattern().Match(html);
        Assert.True(action.Success, "The provider's answer is not a form post: " + html);
        var fields = InputPattern().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return (WebUtility.HtmlDecode(action.Groups[1].Value), fields);
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex InputPattern();
}
