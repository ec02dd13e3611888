using System.Net;
using System.Text.RegularExpressions;
using Lms.Tests.Infrastructure;

namespace Lms.Tests.Observability;

public sealed partial class RequestIdTests(LmsAppFactory factory) : SiteTest(factory)
{
    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceId();

    [Fact]
    public async Task Every_response_carries_its_trace_id_as_X_Request_Id()
    {
        var client = SiteClient.Create(Factory);

        var first = await client.GetAsync("/health/live");
        var second = await client.GetAsync("/health/live");

        var id = Assert.Single(first.Headers.GetValues("X-Request-Id"));
        Assert.Matches(TraceId(), id);
        Assert.NotEqual(id, Assert.Single(second.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task A_caller_that_sends_a_traceparent_gets_its_own_trace_id_back()
    {
        var client = SiteClient.Create(Factory);
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        var response = await client.SendAsync(request);

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task The_error_page_shows_the_same_id_as_the_header()
    {
        var client = SiteClient.Create(Factory);

        var response = await client.GetAsync("/error/500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Matches(TraceId(), id);
        Assert.Contains($"<code>{id}</code>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_redirect_to_sign_in_carries_the_header_too()
    {
        var response = await SiteClient.Create(Factory).GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches(TraceId(), Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }
}
