using System.Globalization;
using CsvHelper;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Reporting.Features.Organisation;

/// <summary><c>/reports/organisation</c>: completion across the city by department, tier and course, overdue people and workshops, for admins and the steering committee.</summary>
[Authorize(Policy = "ViewOrganisationReports")]
public sealed class OrganisationReportModel : PageModel
{
    internal OrganisationReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        Report = await services.GetRequiredService<OrganisationReportQuery>().RunAsync(await services.GetRequiredService<SiteDay>().TodayAsync(cancellationToken), cancellationToken);
        return Page();
    }

    /// <summary>One of the tables as CSV for Excel: <c>table</c> = departments, tiers, courses or workshops.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        var today = await services.GetRequiredService<SiteDay>().TodayAsync(cancellationToken);
        var report = await services.GetRequiredService<OrganisationReportQuery>().RunAsync(today, cancellationToken);
        var name = table is "tiers" or "courses" or "workshops" ? table : "departments";
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = $"organisation-{name}-{today:yyyyMMdd}.csv",
            FileNameStar = $"全庁の受講状況_{Title(name)}_{today:yyyyMMdd}.csv",
        }.ToString();
        await ReportCsv.WriteOrganisationAsync(Response.Body, name, report, cancellationToken);
        return new EmptyResult();
    }

    private static string Title(string table) => table switch
    {
        "tiers" => "職層別",
        "courses" => "コース別",
        "workshops" => "ワークショップ",
        _ => "部局別",
    };
}

/// <summary>The organisation-wide tables as CSV (UTF-8 with BOM, CRLF, Japanese headers); hidden groups say so and carry no figures.</summary>
internal static class ReportCsv
{
    public const string HiddenText = "5人未満のため非表示";

    /// <summary>
    /// Every report's CSV: Japanese Excel opens UTF-8 as Shift_JIS unless it starts with a byte order mark; CRLF; a
    /// cell starting with = + - @ is escaped so Excel shows it instead of running it.
    /// </summary>
    public static readonly CsvWriterOptions Options = new() { WriteByteOrderMark = true, NewLine = "\r\n", Separator = ',', Injection = CsvInjection.Escape };

    public static async Task WriteOrganisationAsync(Stream stream, string table, OrganisationReport report, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        if (table == "workshops")
        {
            csv.WriteHeader(["コース", "開催済みセッション", "中止", "参加者数（延べ）"]);
            foreach (var w in report.Workshops)
            {
                await csv.WriteRecordAsync([w.Course, N(w.Held), N(w.Cancelled), N(w.Attended)], cancellationToken);
            }
        }
        else
        {
            var first = table switch { "tiers" => "職層", "courses" => "コース", _ => "部局" };
            csv.WriteHeader([first, table == "courses" ? "受講者数" : "対象者数", "割当数", "修了数", "修了率（%）", table == "courses" ? "期限超過（件）" : "期限超過者数"]);
            var rows = table switch { "tiers" => report.Tiers, "courses" => report.Courses, _ => report.Departments };
            foreach (var r in rows.Append(report.Total with { Label = "合計" }))
            {
                var label = table == "tiers" && r.Key != "all" ? TierName(r.Key) : r.Label;
                await csv.WriteRecordAsync(r.Hidden
                    ? [label, HiddenText, "", "", "", ""]
                    : [label, N(r.People), N(r.Enrolled), N(r.Completed), r.Percent?.ToString(CultureInfo.InvariantCulture) ?? "", N(r.Overdue)], cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static string TierName(string apiValue) => StaffTierNames.TryParse(apiValue, out var tier) ? Features.TeamProgress.ProgressCsv.TierName(tier) : apiValue;

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
