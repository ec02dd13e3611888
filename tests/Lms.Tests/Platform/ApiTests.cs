using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Platform;

public sealed class ApiTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync();
    }

    [Fact]
    public async Task A_token_from_auth_token_is_accepted_by_me()
    {
        var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo-staff", password = SiteClient.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var accessToken = token.RootElement.GetProperty("accessToken").GetString();
        var expiresAt = token.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.False(string.IsNullOrEmpty(accessToken));
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddMinutes(50), DateTimeOffset.UtcNow.AddMinutes(70));

        client.Bearer(accessToken!);
        using var me = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me"));
        var root = me.RootElement;
        Assert.Equal("general", root.GetProperty("tier").GetString());
        Assert.Matches("^[0-9]{6}$", root.GetProperty("employeeNumber").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("familyName").GetString()));
        Assert.Matches(@"^[\p{IsKatakana}ー]+$", root.GetProperty("familyNameKana").GetString());
        Assert.EndsWith("@demo-city.example.jp", root.GetProperty("email").GetString());
        Assert.NotEqual(Guid.Empty, root.GetProperty("orgUnitId").GetGuid());
        Assert.Equal(["Staff"], root.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Wrong_credentials_give_401_problem_json_in_Japanese_by_default()
    {
        var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo-staff", password = "nope-nope-nope" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("サインインが必要です", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("ユーザー名かパスワードが正しくありません。", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Problems_follow_the_callers_language()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo-staff", password = "nope-nope-nope" });

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Sign-in is required", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("The user name or the password is not correct.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Missing_fields_give_a_400_validation_problem()
    {
        var client = Factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "", password = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("リクエストの内容が正しくありません", problem.RootElement.GetProperty("title").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("userName", out _));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-real-token")]
    public async Task Me_without_a_valid_token_is_401_problem_json(string? token)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.Bearer(token);
        }

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_api_addresses_are_404_problem_json()
    {
        var client = Factory.CreateClient().Bearer(await SiteClient.TokenAsync(Factory.CreateClient(), "demo-staff"));

        var response = await client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_token_api_applies_the_same_lockout_as_the_sign_in_page()
    {
        var client = Factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo-manager", password = "wrong-wrong-1" });
        }

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "demo-manager", password = SiteClient.DemoPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ロック", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_api()
    {
        var client = Factory.CreateClient();

        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/token", out _));
        Assert.True(paths.TryGetProperty("/api/v1/me", out _));
    }
}
