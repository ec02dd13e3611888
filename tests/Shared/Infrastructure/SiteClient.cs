using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Lms.Tests.Infrastructure;

/// <summary>A browser-like client: keeps cookies, does not follow redirects, posts forms with their antiforgery token.</summary>
public static partial class SiteClient
{
    public const string DemoPassword = "Demo-2026!";

    public static HttpClient Create(LmsAppFactory factory, string? language = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    public static async Task<HttpClient> SignInAsync(LmsAppFactory factory, string userName, string password = DemoPassword)
    {
        var client = Create(factory);
        var response = await PostFormAsync(client, "/account/sign-in", new() { ["Login"] = userName, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs the page, takes its antiforgery token, POSTs the form to it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");

    public static async Task<string> TokenAsync(HttpClient client, string userName, string password = DemoPassword)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static HttpClient Bearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
