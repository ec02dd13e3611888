using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Lms.Modules.Gamification.Features.OpenBadges;
using static Lms.Tests.Gamification.OpenBadgesTestData;

namespace Lms.Tests.Gamification;

/// <summary>An image baked twice holds one assertion, the last (the baking specification allows only one).</summary>
public sealed class OpenBadgesRebakingTests
{
    [Fact]
    public void Baking_a_baked_PNG_again_replaces_its_assertion()
    {
        var once = BadgeBaking.BakePng(TinyPng(), """{"id":"first"}""");

        var twice = BadgeBaking.BakePng(once, """{"id":"second"}""");

        Assert.Single(ReadPng(twice), c => c.Type == "iTXt");
        Assert.All(ReadPng(twice), c => Assert.True(c.CrcMatches));
        Assert.Equal("""{"id":"second"}""", BadgeBaking.UnbakePng(twice));
        Assert.Null(BadgeBaking.UnbakePng(TinyPng()));
    }

    [Fact]
    public void Baking_a_baked_SVG_again_replaces_its_assertion_and_text_that_looks_like_the_end_of_CDATA_cannot_break_out()
    {
        var svg = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>"""u8.ToArray();
        var sneaky = new JsonObject { ["id"] = "https://example.jp/a", ["narrative"] = "]]><script>alert(1)</script>" };

        var once = BadgeBaking.BakeSvg(svg, """{"id":"first"}""", "https://example.jp/first");
        var twice = BadgeBaking.BakeSvg(once, OpenBadgeJson.Write(sneaky), "https://example.jp/a");

        var root = XDocument.Parse(Encoding.UTF8.GetString(twice)).Root!;
        Assert.Single(root.Descendants(XName.Get("assertion", "http://openbadges.org")));
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName == "script");
        Assert.True(JsonNode.DeepEquals(sneaky, JsonNode.Parse(BadgeBaking.UnbakeSvg(twice)!)));
        Assert.Equal("circle", root.Elements().Last().Name.LocalName);
    }
}
