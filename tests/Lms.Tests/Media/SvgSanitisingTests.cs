using System.Net;
using System.Text;
using System.Xml.Linq;
using Lms.Tests.Infrastructure;
using static Lms.Tests.Media.MediaSamples;

namespace Lms.Tests.Media;

/// <summary>Hostile SVGs come out harmless (the dangerous parts removed) or are refused; what is stored is the cleaned copy.</summary>
public sealed class SvgSanitisingTests(LmsAppFactory factory) : SiteTest(factory)
{
    private const string Ns = "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.SeedDemoAsync(100);
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "script element", $"<svg {Ns}><script>alert(1)</script><circle r=\"5\"/></svg>" },
        { "CDATA script", $"<svg {Ns}><script><![CDATA[alert(1)]]></script><rect width=\"1\" height=\"1\"/></svg>" },
        { "onload", $"<svg {Ns} onload=\"alert(1)\"><rect width=\"1\" height=\"1\" onclick=\"alert(1)\"/></svg>" },
        { "javascript: href", $"<svg {Ns}><a href=\"javascript:alert(1)\"><text>x</text></a><use xlink:href=\"javascript:alert(1)\"/></svg>" },
        { "entity-encoded javascript:", $"<svg {Ns}><use href=\"jav&#x61;script:alert(1)\"/><rect fill=\"jav&#x09;ascript:alert(1)\"/></svg>" },
        { "external use", $"<svg {Ns}><use href=\"https://evil.example/sprite.svg#x\"/><use xlink:href=\"//evil.example/a.svg#b\"/></svg>" },
        { "foreignObject", $"<svg {Ns}><foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script><iframe src=\"javascript:alert(1)\"/></body></foreignObject></svg>" },
        { "style element and attributes", $"<svg {Ns}><style>@import url(https://evil.example/x.css); circle {{ fill: red }}</style><circle r=\"1\" style=\"background:url(https://evil.example/t)\"/><rect style=\"width:expression(alert(1))\"/></svg>" },
        { "external url() paint", $"<svg {Ns}><rect fill=\"url(https://evil.example/p.svg#g)\" width=\"1\" height=\"1\"/></svg>" },
        { "animate setting href", $"<svg {Ns}><a><animate attributeName=\"href\" to=\"javascript:alert(1)\"/><set attributeName=\"onmouseover\" to=\"alert(1)\"/></a></svg>" },
        { "image with data URL", $"<svg {Ns}><image href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"/></svg>" },
        { "xml-stylesheet", $"<?xml-stylesheet href=\"https://evil.example/x.xsl\" type=\"text/xsl\"?><svg {Ns}><rect width=\"1\" height=\"1\"/></svg>" },
        { "elements of another namespace", $"<svg {Ns} xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:script>alert(1)</h:script><h:iframe src=\"https://evil.example\"/></svg>" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_SVG_is_stored_without_its_dangerous_parts(string what, string svg)
    {
        var client = await ApiAsync(Factory);

        var response = await UploadAsync(client, Svg(svg), "drawing.svg");

        Assert.True(response.StatusCode == HttpStatusCode.Created, what + ": " + await response.Content.ReadAsStringAsync());
        var json = await JsonAsync(response);
        Assert.Equal("image/svg+xml", json.GetProperty("contentType").GetString());
        var stored = Encoding.UTF8.GetString(await client.GetByteArrayAsync(json.GetProperty("url").GetString()));
        var root = XDocument.Parse(stored).Root!;
        Assert.Equal(XName.Get("svg", "http://www.w3.org/2000/svg"), root.Name);
        var lower = stored.ToLowerInvariant();
        foreach (var bad in new[] { "<script", "alert", "javascript", "foreignobject", "<style", "onload", "onclick", "evil.example", "expression", "@import", "<animate", "<set", "<image", "data:", "iframe", "stylesheet" })
        {
            Assert.False(lower.Contains(bad, StringComparison.Ordinal), $"{what}: '{bad}' survived in {stored}");
        }
    }

    [Fact]
    public async Task A_harmless_SVG_keeps_its_drawing_local_references_and_text()
    {
        var svg = $"""
            <svg {Ns} viewBox="0 0 10 10" width="10" height="10"><title>丸</title>
              <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><circle id="dot" r="2"/></defs>
              <circle cx="5" cy="5" r="4" fill="url(#g)" stroke="#000"/><use xlink:href="#dot" x="1"/><use href="#dot" x="2"/><text x="1" y="9">市役所</text>
            </svg>
            """;
        var client = await ApiAsync(Factory);

        var json = await JsonAsync(await UploadAsync(client, Svg(svg), "maru.svg"));
        var stored = Encoding.UTF8.GetString(await client.GetByteArrayAsync(json.GetProperty("url").GetString()));

        Assert.Contains("fill=\"url(#g)\"", stored);
        Assert.Contains("xlink:href=\"#dot\"", stored);
        Assert.Contains("市役所", stored);
        Assert.Contains("<title>丸</title>", stored);
        Assert.Contains("viewBox=\"0 0 10 10\"", stored);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "XXE", $"<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><svg {Ns}><text>&xxe;</text></svg>" },
        { "external DTD", $"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg {Ns}/>" },
        { "billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>" + $"<svg {Ns}><text>&d;</text></svg>" },
        { "not well-formed", $"<svg {Ns}><rect></svg>" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task SVG_with_a_DTD_entities_or_broken_markup_is_refused(string what, string svg)
    {
        var response = await UploadAsync(await ApiAsync(Factory), Svg(svg), "bad.svg");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
        Assert.Contains("bad.svg は使用できません", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(0, await RowCountAsync(Factory));
        Assert.Empty(StoredFiles(Factory));
    }
}
