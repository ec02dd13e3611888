using System.Globalization;
using Lms.Modules.Templates.Liquid;

namespace Lms.Tests.Templates;

/// <summary>Parsing rules and limits of the Liquid engine, without a site.</summary>
public sealed class LiquidEngineTests
{
    private readonly LiquidEngine engine = new();

    [Theory]
    [InlineData("Hello {{ name }", 1, 14)]
    [InlineData("一行目\n二行目 {% if x %}\n三行目", 3, 4)]
    [InlineData("a\nb\n{% for i in items %}\n{% endif %}", 4, 1)]
    [InlineData("x\n  {% nosuchtag %}", 2, 15)]
    public void A_syntax_error_names_its_line_and_column(string source, int line, int column)
    {
        var error = engine.TryParse("body", source, out var template);

        Assert.Null(template);
        Assert.NotNull(error);
        Assert.Equal(("body", line, column, LiquidErrorKind.Syntax), (error.Part, error.Line, error.Column, error.Kind));
        Assert.DoesNotContain("Source:", error.Message);
        Assert.DoesNotContain(" at (", error.Message);
    }

    [Fact]
    public void An_unknown_filter_is_refused_at_parse_time_with_its_position()
    {
        var error = engine.TryParse("subject", "Hello\n  {{ name | upcase }} {{ name | shout: 2 }}", out var template);

        Assert.Null(template);
        Assert.Equal(("subject", 2, 33, LiquidErrorKind.UnknownFilter, "shout"), (error!.Part, error.Line, error.Column, error.Kind, error.Message));
    }

    [Fact]
    public void Fluids_error_text_without_a_position_still_becomes_an_error_at_the_start() =>
        Assert.Equal(new LiquidError("body", 1, 1, "Something odd"), LiquidEngine.FromFluidError("body", "Something odd\nSource:\nxyz"));

    [Fact]
    public async Task A_runaway_loop_is_stopped()
    {
        Assert.Null(engine.TryParse("body", "{% for i in (1..100000000) %}x{% endfor %}", out var loop));
        Assert.Null(engine.TryParse("body", "{% assign s = 'xx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}", out var doubling));

        var steps = await Assert.ThrowsAsync<LiquidRenderException>(() => engine.RenderAsync(loop!, new Dictionary<string, object?>(), TimeZoneInfo.Utc, CultureInfo.InvariantCulture).AsTask());
        var memory = await Assert.ThrowsAsync<LiquidRenderException>(() => engine.RenderAsync(doubling!, new Dictionary<string, object?>(), TimeZoneInfo.Utc, CultureInfo.InvariantCulture).AsTask());

        Assert.Contains("steps", steps.Message);
        Assert.Contains("append", memory.Message);
    }

    /// <summary>Fluid makes a range's whole list first (a hundred million numbers: 14 s and 4.8 GB): a range is measured before.</summary>
    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}")]
    [InlineData("{% assign n = 100000000 %}{% for i in (1..n) %}x{% endfor %}")]
    [InlineData("{% assign r = (-100000000..1) %}{{ r | size }}")]
    public async Task A_huge_range_is_stopped_before_it_is_made(string source)
    {
        Assert.Null(engine.TryParse("body", source, out var template));

        var error = await Assert.ThrowsAsync<LiquidRenderException>(() => engine.RenderAsync(template!, new Dictionary<string, object?>(), TimeZoneInfo.Utc, CultureInfo.InvariantCulture).AsTask());

        Assert.Contains("a range of more than", error.Message); // our check, not Fluid's step limit after the list was made
    }

    [Fact]
    public async Task Ranges_within_the_limit_still_work()
    {
        Assert.Null(engine.TryParse("body", "{% assign n = 3 %}{% for i in (1..n) %}{{ i }}{% endfor %}|{% for i in (2..4) reversed %}{{ i }}{% endfor %}", out var template));

        Assert.Equal("123|432", await engine.RenderAsync(template!, new Dictionary<string, object?>(), TimeZoneInfo.Utc, CultureInfo.InvariantCulture));
    }
}
