using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Lms.Modules.Gamification.Features.OpenBadges;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Gamification.OpenBadgesTestData;

namespace Lms.Tests.Gamification;

/// <summary>Baked badges (Open Badges 2.0 baking): the image carries the assertion, and stays a sound image.</summary>
public sealed class OpenBadgesBakingTests(LmsAppFactory factory) : SiteTest(factory)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SetUpAsync(Factory);
    }

    [Fact]
    public async Task A_baked_PNG_is_still_a_sound_PNG_and_gives_back_the_hosted_assertion()
    {
        var original = TinyPng();
        var award = await AwardAsync(Factory, image: original);
        var verifier = Verifier(Factory, "image/png");

        var response = await verifier.GetAsync($"/api/v1/badges/assertions/{award.AwardId}/image");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"badge-{award.AwardId}.png", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var baked = await response.Content.ReadAsByteArrayAsync();

        var chunks = ReadPng(baked);
        Assert.All(chunks, c => Assert.True(c.CrcMatches, $"CRC of {c.Type}"));
        Assert.Equal(["IHDR", "tEXt", "IDAT", "iTXt", "IEND"], chunks.Select(c => c.Type));
        Assert.Empty(chunks[^1].Data);
        // The picture itself is untouched: the same pixels as before baking.
        Assert.Equal(Inflate(ReadPng(original)), Inflate(chunks));
        // iTXt: keyword, NUL, compression flag 0 (uncompressed, as the baking specification demands), method 0, two empty strings.
        var itxt = chunks.Single(c => c.Type == "iTXt").Data;
        Assert.Equal("openbadges\0\0\0\0\0"u8.ToArray(), itxt[..15]);

        var fromImage = JsonNode.Parse(BadgeBaking.UnbakePng(baked)!);
        var hosted = JsonNode.Parse(await Verifier(Factory).GetStringAsync($"/api/v1/badges/assertions/{award.AwardId}"));
        Assert.Equal(Encoding.UTF8.GetString(itxt[15..]), fromImage!.ToJsonString(OpenBadgeJson.Options));
        Assert.True(JsonNode.DeepEquals(hosted, fromImage));
    }

    [Fact]
    public async Task A_baked_SVG_carries_the_assertion_as_the_first_child_of_svg_and_gives_it_back()
    {
        var award = await AwardAsync(Factory);
        var verifier = Verifier(Factory, "image/svg+xml");

        var response = await verifier.GetAsync($"/api/v1/badges/assertions/{award.AwardId}/image");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"badge-{award.AwardId}.svg", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var baked = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(baked);
        Assert.Contains("xmlns:openbadges=\"http://openbadges.org\"", text, StringComparison.Ordinal);
        Assert.Contains("<![CDATA[", text, StringComparison.Ordinal);

        var svg = XDocument.Parse(text).Root!;
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), svg.Name);
        var first = svg.Elements().First();
        Assert.Equal(XName.Get("assertion", "http://openbadges.org"), first.Name);
        var hostedText = await Verifier(Factory).GetStringAsync($"/api/v1/badges/assertions/{award.AwardId}");
        var hosted = JsonNode.Parse(hostedText)!;
        Assert.Equal((string?)hosted["id"], (string?)first.Attribute("verify"));
        Assert.Single(svg.Descendants(XName.Get("assertion", "http://openbadges.org")));
        // The drawing is still there after the assertion.
        Assert.True(svg.Elements().Count() > 1);

        Assert.True(JsonNode.DeepEquals(hosted, JsonNode.Parse(BadgeBaking.UnbakeSvg(baked)!)));
        Assert.Equal(hostedText, BadgeBaking.UnbakeSvg(baked));
    }

    [Fact]
    public async Task An_image_that_cannot_be_read_is_not_baked_and_the_answer_says_so()
    {
        var award = await AwardAsync(Factory, image: "<svg xmlns=\"http://www.w3.org/2000/svg\"><g>"u8.ToArray(), imageType: "image/svg+xml");

        var response = await Verifier(Factory).GetAsync($"/api/v1/badges/assertions/{award.AwardId}/image");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
