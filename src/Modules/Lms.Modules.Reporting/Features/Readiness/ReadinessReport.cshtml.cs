using System.Globalization;
using CsvHelper;
using Lms.Modules.Reporting.Domain;
using Lms.Modules.Reporting.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Lms.Modules.Reporting.Features.Readiness;

/// <summary><c>/reports/readiness</c>: the Step-0 readiness index, before and after the course, by department and tier; no individual answers.</summary>
[Authorize(Policy = "ViewOrganisationReports")]
public sealed class ReadinessReportModel : PageModel
{
    internal ReadinessReport? Report { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        Today = await services.GetRequiredService<SiteDay>().TodayAsync(cancellationToken);
        Report = await services.GetRequiredService<ReadinessQuery>().RunAsync(null, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        var today = await services.GetRequiredService<SiteDay>().TodayAsync(cancellationToken);
        var report = await services.GetRequiredService<ReadinessQuery>().RunAsync(null, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileName = $"readiness-{today:yyyyMMdd}.csv",
            FileNameStar = $"Step0準備度指標_{today:yyyyMMdd}.csv",
        }.ToString();
        await WriteAsync(Response.Body, report, cancellationToken);
        return new EmptyResult();
    }

    internal static async Task WriteAsync(Stream stream, ReadinessReport report, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, ReportCsv.Options, leaveOpen: true);
        csv.WriteHeader(["区分", "集団", "回答者数（受講前後とも回答）", "受講前平均", "受講後平均", "変化", "準備度指標（受講前）", "準備度指標（受講後）", "指標の変化"]);
        static string D(double? v) => v?.ToString("0.0#", CultureInfo.InvariantCulture) ?? "";
        foreach (var (kind, groups) in new[] { ("全体", (IReadOnlyList<ReadinessGroup>)[report.Total with { Label = "全庁" }]), ("部局", report.Departments), ("職層", report.Tiers) })
        {
            foreach (var g in groups)
            {
                var label = kind == "職層" ? ReportCsv.TierName(g.Key) : g.Label;
                await csv.WriteRecordAsync(g.Hidden
                    ? [kind, label, ReportCsv.HiddenText, "", "", "", "", "", ""]
                    : [kind, label, g.Respondents.ToString(CultureInfo.InvariantCulture), D(g.Before), D(g.After), D(g.Change), D(g.IndexBefore), D(g.IndexAfter), D(g.IndexChange)], cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }
}
