using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace Lms.Framework.Content;

/// <summary>
/// Turns authored Markdown into HTML that is safe to show to anyone. The one renderer for learners'
/// pages and the authors' preview, so a preview looks exactly like what learners will see.
/// </summary>
public interface IMarkdownRenderer
{
    IHtmlContent Render(string? markdown);
}

internal sealed class MarkdownRenderer : IMarkdownRenderer, IDisposable
{
    // Raw HTML in Markdown is passed through by Markdig, so the sanitiser is what makes it safe;
    // disabling HTML as well keeps authors from relying on markup the sanitiser would strip.
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    // Sanitising parses the HTML into a DOM: milliseconds per lesson. Published texts repeat on every
    // page view, so the result is kept by text (bounded, least recently used first out).
    private readonly MemoryCache rendered = new(new MemoryCacheOptions { SizeLimit = 4000 });

    public IHtmlContent Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return HtmlString.Empty;
        }

        if (!rendered.TryGetValue(markdown, out HtmlString? html) || html is null)
        {
            html = new HtmlString(sanitizer.Sanitize(Markdown.ToHtml(markdown, pipeline)));
            rendered.Set(markdown, html, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return html;
    }

    public void Dispose() => rendered.Dispose();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        // Links written by authors open normally but never hand the learner's session to another site.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor && anchor.GetAttribute("href") is { } href
                && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                anchor.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}
