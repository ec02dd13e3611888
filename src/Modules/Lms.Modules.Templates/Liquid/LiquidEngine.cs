using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Lms.Modules.Templates.Liquid;

/// <summary>
/// Parses and renders Liquid with Fluid. One parser for the process (Fluid's parser is thread-safe); options per
/// (time zone, culture) because building them registers every filter. Output is plain text: nothing is encoded.
/// </summary>
internal sealed partial class LiquidEngine
{
    /// <summary>Enough for a manager's digest of a few hundred lines; a loop over a huge range stops long before it hurts.</summary>
    public const int MaxSteps = 200_000;
    public const int MaxRecursion = 32;
    /// <summary>No string, list or whole output may grow past this (a doubling <c>append</c> loop would exhaust memory first).</summary>
    public const int MaxLength = 1_000_000;

    private readonly FluidParser parser = new();
    private readonly ConcurrentDictionary<(string Zone, string Culture), TemplateOptions> options = new();
    private readonly TemplateOptions parseOptions;

    public LiquidEngine() => parseOptions = CreateOptions(TimeZoneInfo.Utc, CultureInfo.InvariantCulture);

    /// <summary>Null when <paramref name="source"/> parses and uses only known filters; else where and what is wrong.</summary>
    public LiquidError? TryParse(string part, string source, out IFluidTemplate? template)
    {
        if (!parser.TryParse(source, out template, out var error))
        {
            template = null;
            return FromFluidError(part, error);
        }

        // Fluid resolves filters only while rendering; walk the tree so an unknown one is refused at save time.
        var filters = new FilterNames();
        filters.VisitTemplate(template);
        foreach (var name in filters.Names.Where(n => !parseOptions.Filters.TryGetValue(n, out _)))
        {
            template = null;
            var (line, column) = Locate(source, name);
            return new LiquidError(part, line, column, name, LiquidErrorKind.UnknownFilter);
        }

        // Fluid makes a range's whole list before a loop takes its first step: (1..100000000) took 14 s and 4.8 GB.
        template = new BoundedRanges().VisitTemplate(template);
        return null;
    }

    public async ValueTask<string> RenderAsync(IFluidTemplate template, IReadOnlyDictionary<string, object?> model, TimeZoneInfo zone, CultureInfo culture)
    {
        var templateOptions = options.GetOrAdd((zone.Id, culture.Name), _ => CreateOptions(zone, culture));
        var context = new TemplateContext(templateOptions);
        foreach (var (name, value) in LiquidModel.Normalize(model, zone))
        {
            context.SetValue(name, FluidValue.Create(value, templateOptions));
        }

        using var writer = new BoundedWriter(MaxLength);
        try
        {
            await template.RenderAsync(writer, NullEncoder.Default, context);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("maximum level of recursion", StringComparison.Ordinal))
        {
            // Fluid reports both limits (steps and nesting) with this one message.
            throw new LiquidRenderException($"the template ran too long (more than {MaxSteps:N0} steps) or nested too deep, and was stopped", e);
        }
        catch (FluidException e)
        {
            throw new LiquidRenderException(e.Message, e);
        }

        return writer.ToString();
    }

    /// <summary>Fluid's text is "&lt;message&gt; at (line:column)" and, for most errors, "Source:" and the line after it.</summary>
    internal static LiquidError FromFluidError(string part, string? error)
    {
        var text = error ?? "syntax error";
        var match = FluidPosition().Match(text);
        return match.Success
            ? new LiquidError(part, int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture), match.Groups["message"].Value.Trim())
            : new LiquidError(part, 1, 1, text.Split('\n')[0].Trim());
    }

    /// <summary>Where a filter is used first: the AST keeps no positions, the source does.</summary>
    private static (int Line, int Column) Locate(string source, string filter)
    {
        var match = Regex.Match(source, @"\|\s*(" + Regex.Escape(filter) + @")\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        var index = match.Success ? match.Groups[1].Index : 0;
        var line = 1 + source.AsSpan(0, index).Count('\n');
        var lineStart = index == 0 ? 0 : source.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 1);
    }

    private static TemplateOptions CreateOptions(TimeZoneInfo zone, CultureInfo culture)
    {
        var result = new TemplateOptions
        {
            MaxSteps = MaxSteps,
            MaxRecursion = MaxRecursion,
            TimeZone = zone,
            CultureInfo = culture,
            StrictFilters = true,
        };
        foreach (var (name, filter) in result.Filters.ToList())
        {
            result.Filters.AddFilter(name, async (input, arguments, context) => Bounded(name, await filter(input, arguments, context)));
        }

        return result;
    }

    private static FluidValue Bounded(string filter, FluidValue value) => value switch
    {
        StringValue s when s.ToStringValue().Length > MaxLength => throw new LiquidRenderException($"'{filter}' made a text longer than {MaxLength:N0} characters; the template was stopped"),
        ArrayValue a when a.Values.Count > MaxLength => throw new LiquidRenderException($"'{filter}' made a list longer than {MaxLength:N0} items; the template was stopped"),
        _ => value,
    };

    [GeneratedRegex(@"^(?<message>.*?)\s+at \((?<line>\d+):(?<column>\d+)\)", RegexOptions.Singleline)]
    private static partial Regex FluidPosition();

    /// <summary>Every range <c>(a..b)</c> checks its length before Fluid makes its list: no longer than a loop may run.</summary>
    private sealed class BoundedRanges : AstRewriter
    {
        protected override Expression VisitRangeExpression(RangeExpression rangeExpression) => new BoundedRange(rangeExpression);
    }

    private sealed class BoundedRange(RangeExpression range) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
            if (Math.Abs(to - from) >= MaxSteps)
            {
                throw new LiquidRenderException($"the template ran too long (a range of more than {MaxSteps:N0} steps) and was stopped");
            }

            return await range.EvaluateAsync(context);
        }
    }

    private sealed class FilterNames : AstVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            Names.Add(filterExpression.Name);
            return base.VisitFilterExpression(filterExpression);
        }
    }

    private sealed class BoundedWriter(int limit) : StringWriter(CultureInfo.InvariantCulture)
    {
        public override void Write(char value)
        {
            Check(1);
            base.Write(value);
        }

        public override void Write(string? value)
        {
            Check(value?.Length ?? 0);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Check(count);
            base.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        private void Check(int more)
        {
            if (GetStringBuilder().Length + more > limit)
            {
                throw new LiquidRenderException($"the template wrote more than {limit:N0} characters and was stopped");
            }
        }
    }
}
