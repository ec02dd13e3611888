using Lms.Contracts.Organization;
using Lms.Framework.Settings;
using Lms.Modules.Reporting.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Reporting.Features.TeamProgress;

/// <summary>
/// <c>/team/progress</c>: the manager's team (their units and every unit below) person by person and course by course,
/// with filters, sorting, a CSV for Excel, charts with their tables, and a reminder button per person.
/// </summary>
[Authorize(Policy = "ViewTeamProgress")]
public sealed class TeamProgressModel(IStringLocalizer<ReportingStrings> T) : PageModel
{
    public const int PageSize = 50;

    [TempData] public string? Message { get; set; }

    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }

    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    [BindProperty(SupportsGet = true)] public Guid? Course { get; set; }

    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)] public string? Dir { get; set; }

    /// <summary>The page of people ("p": "page" is Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    internal TeamScopeResult? Scope { get; private set; }

    internal TeamProgressResult? Result { get; private set; }

    internal HashSet<Guid> NudgedToday { get; private set; } = [];

    internal TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool CanNudge { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        var (outcome, scope) = await services.GetRequiredService<TeamScope>().ResolveAsync(User, Unit, cancellationToken);
        if (outcome == ScopeOutcome.Forbidden)
        {
            return Forbid();
        }

        if (scope is null)
        {
            return Page();
        }

        Scope = scope;
        var siteDay = services.GetRequiredService<SiteDay>();
        var today = await siteDay.TodayAsync(cancellationToken);
        Zone = await siteDay.ZoneAsync(cancellationToken);
        Result = await services.GetRequiredService<TeamProgressQuery>().RunAsync(scope, Filter(), today, pageOnly: false, cancellationToken);
        CanNudge = (await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, Permissions.NudgeTeam.Name)).Succeeded;
        NudgedToday = await services.GetRequiredService<Nudges>().SentTodayAsync(Result.Rows.Select(r => r.Person.StaffId).ToList(), today, cancellationToken);
        return Page();
    }

    /// <summary>The filtered table as CSV (every page), with the same scope rules.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        var (outcome, scope) = await services.GetRequiredService<TeamScope>().ResolveAsync(User, Unit, cancellationToken);
        if (scope is null)
        {
            return outcome == ScopeOutcome.Forbidden ? Forbid() : RedirectToPage();
        }

        await TeamCsvDownload.WriteAsync(HttpContext, scope, Filter(), cancellationToken);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostNudgeAsync(Guid staffId, Guid? courseId, CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        if (!(await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, Permissions.NudgeTeam.Name)).Succeeded)
        {
            return Forbid();
        }

        var (outcome, person) = await services.GetRequiredService<Nudges>().SendAsync(User, Unit, staffId, courseId, cancellationToken);
        if (outcome == NudgeOutcome.Forbidden)
        {
            return Forbid();
        }

        Message = outcome switch
        {
            NudgeOutcome.Sent => T["A reminder was sent to {0}.", person!.Name],
            NudgeOutcome.AlreadySentToday => T["{0} has already had a reminder today (one a day at most).", person!.Name],
            _ => T["{0} is not active, so no reminder was sent.", person!.Name],
        };

        return RedirectToPage(RouteValues(PageNumber));
    }

    /// <summary>A unit as the viewer needs it: below the chosen unit (or their own units), not the whole path again on every row.</summary>
    internal string ShortUnit(string path)
    {
        if (Scope is null || Scope.Organisation && Scope.Selected is null)
        {
            return path;
        }

        foreach (var root in Scope.Roots)
        {
            if (path == root.Path)
            {
                return root.Path[(root.Path.LastIndexOf('/') + 1)..];
            }

            if (path.StartsWith(root.Path + "/", StringComparison.Ordinal))
            {
                return path[(root.Path.Length + 1)..];
            }
        }

        return path;
    }

    internal TeamFilter Filter() => new(
        StaffTierNames.TryParse(Tier, out var tier) && !string.IsNullOrEmpty(Tier) ? tier : null,
        ProgressStatuses.TryParse(Status, out var status) ? status : null,
        Course,
        TeamFilter.Sorts.Contains(Sort ?? "") ? Sort! : "name",
        string.Equals(Dir, "desc", StringComparison.Ordinal),
        Math.Max(1, PageNumber),
        PageSize);

    /// <summary>The current filters as route values, for links that keep them (sorting, paging, CSV, after a nudge).</summary>
    internal Dictionary<string, string?> RouteValues(int? page = null, string? sort = null, string? dir = null, string? handler = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["unit"] = Unit?.ToString(),
            ["tier"] = string.IsNullOrEmpty(Tier) ? null : Tier,
            ["status"] = string.IsNullOrEmpty(Status) ? null : Status,
            ["course"] = Course?.ToString(),
            ["sort"] = sort ?? Sort,
            ["dir"] = dir ?? Dir,
            ["p"] = page is > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["handler"] = handler,
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value);
    }
}

/// <summary>The CSV download shared by the page and the API: headers, file names, then the rows straight to the response.</summary>
internal static class TeamCsvDownload
{
    public static async Task WriteAsync(Microsoft.AspNetCore.Http.HttpContext http, TeamScopeResult scope, TeamFilter filter, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var siteDay = services.GetRequiredService<SiteDay>();
        var today = await siteDay.TodayAsync(cancellationToken);
        var zone = await siteDay.ZoneAsync(cancellationToken);
        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(cancellationToken);
        var query = services.GetRequiredService<TeamProgressQuery>();
        var courses = await query.CoursesAsync(scope, filter.Tier, cancellationToken);
        if (filter.CourseId is { } only)
        {
            courses = courses.Where(c => c.Id == only).ToList();
        }

        var (ascii, japanese) = ProgressCsv.FileNames(scope.Selected?.Path, today);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = ascii,
            FileNameStar = japanese,
        }.ToString();
        await ProgressCsv.WriteAsync(http.Response.Body, courses, query.AllRowsAsync(scope, filter with { Page = 1 }, today, cancellationToken), zone, settings.PublicRoot, cancellationToken);
    }
}
