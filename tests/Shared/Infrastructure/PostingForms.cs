using AngleSharp.Html.Parser;

namespace Lms.Tests.Infrastructure;

/// <summary>
/// Every form that posts must carry its antiforgery token and say where it posts. Razor adds the token by
/// itself only when it builds the action; a form with a written-out action needs asp-antiforgery.
/// </summary>
public static class PostingForms
{
    /// <returns>How many posting forms the pages hold, and what is wrong with them (empty: nothing).</returns>
    public static async Task<(int Forms, IReadOnlyList<string> Problems)> CheckAsync(IEnumerable<(HttpClient Client, string Path)> pages)
    {
        var problems = new List<string>();
        var forms = 0;
        foreach (var (client, path) in pages)
        {
            var response = await client.GetAsync(path);
            if (!response.IsSuccessStatusCode)
            {
                problems.Add($"{path}: {response.StatusCode}");
                continue;
            }

            var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            foreach (var form in document.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
            {
                forms++;
                if (form.QuerySelector("input[name=__RequestVerificationToken]") is null)
                {
                    problems.Add($"{path}: a form posting to '{form.GetAttribute("action")}' has no antiforgery token");
                }

                // No action attribute posts back to the page's own address; an empty one is what a lost handler leaves.
                if (form.GetAttribute("action") is "" && form.QuerySelector("[formaction]") is null)
                {
                    problems.Add($"{path}: a form has an empty action (its handler would be lost)");
                }
            }
        }

        return (forms, problems);
    }
}
