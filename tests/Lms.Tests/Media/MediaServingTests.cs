using System.Net;
using System.Net.Http.Headers;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Media.MediaSamples;

namespace Lms.Tests.Media;

/// <summary>Files are served to anyone signed in, inert (no sniffing, sandboxed) and cacheable forever.</summary>
public sealed class MediaServingTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
    }

    [Fact]
    public async Task A_file_is_served_with_safety_and_cache_headers_and_answers_304_to_its_ETag()
    {
        var url = (await JsonAsync(await UploadAsync(await ApiAsync(Factory), Png, "dot.png"))).GetProperty("url").GetString()!;
        var staff = await SiteClient.SignInAsync(Factory, "demo-staff");

        var response = await staff.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("sandbox", csp);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);

        var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await staff.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task A_PDF_with_a_Japanese_name_is_shown_inline_with_an_RFC_5987_file_name()
    {
        var url = (await JsonAsync(await UploadAsync(await ApiAsync(Factory), Pdf, "研修 資料;.pdf"))).GetProperty("url").GetString()!;

        var response = await (await ApiAsync(Factory, "demo-staff")).GetAsync(url);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.StartsWith("inline; filename=\"", disposition);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString("研修 資料;.pdf"), disposition);
        Assert.DoesNotContain("\"\"", disposition);
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_anonymous_visitors_get_nothing()
    {
        var url = (await JsonAsync(await UploadAsync(await ApiAsync(Factory), Png, "dot.png"))).GetProperty("url").GetString()!;
        var staff = await ApiAsync(Factory, "demo-staff");

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/media/{Guid.CreateVersion7()}/dot.png")).StatusCode);
        var anonymous = await SiteClient.Create(Factory).GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.NotEqual("image/png", anonymous.Content.Headers.ContentType?.MediaType);
    }
}
