using System.Globalization;
using CsvHelper;
using Lms.Contracts.Organization;
using Lms.Modules.Reporting.Domain;

namespace Lms.Modules.Reporting.Features.TeamProgress;

/// <summary>
/// The team's progress as CSV that Japanese Excel opens as it is: UTF-8 with a byte order mark, CRLF, Japanese
/// headers, dates as yyyy/MM/dd (Excel reads them as dates), one row per person and assigned course. A cell that
/// starts with = + - @ is escaped so Excel shows it instead of running it.
/// </summary>
internal static class ProgressCsv
{
    public static readonly string[] Header =
        ["職員番号", "氏名", "氏名（カナ）", "所属", "職層", "コース", "状況", "進捗率（%）", "受講期限", "超過日数", "修了日", "最終学習日", "ワークショップ参加数", "バッジ数", "修了証URL"];


    public static async Task WriteAsync(Stream stream, IReadOnlyList<CourseRef> courses, IAsyncEnumerable<PersonRow> rows, TimeZoneInfo zone, string publicRoot, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(stream, Organisation.ReportCsv.Options, leaveOpen: true);
        csv.WriteHeader(Header);
        var titles = courses.ToDictionary(c => c.Id, c => c.Title);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var p = row.Person;
            foreach (var course in courses.Where(c => row.Cells.ContainsKey(c.Id)))
            {
                var cell = row.Cells[course.Id];
                await csv.WriteRecordAsync(
                [
                    p.EmployeeNumber,
                    p.Name,
                    p.NameKana,
                    row.UnitPath,
                    TierName(p.Tier),
                    titles[course.Id],
                    StatusName(cell.Status),
                    cell.Percent.ToString(CultureInfo.InvariantCulture),
                    cell.DueDate?.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) ?? "",
                    cell.DaysOverdue > 0 ? cell.DaysOverdue.ToString(CultureInfo.InvariantCulture) : "",
                    Date(cell.CompletedAt, zone),
                    Date(p.LastActivityAt, zone),
                    p.WorkshopsAttended.ToString(CultureInfo.InvariantCulture),
                    p.Badges.ToString(CultureInfo.InvariantCulture),
                    cell.CertificateId is { } certificate ? $"{publicRoot.TrimEnd('/')}/api/v1/certificates/{certificate}/pdf" : "",
                ], cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static string TierName(StaffTier tier) => tier switch
    {
        StaffTier.Executive => "幹部職",
        StaffTier.Manager => "管理職",
        _ => "一般職",
    };

    public static string StatusName(ProgressStatus status) => status switch
    {
        ProgressStatus.Completed => "修了",
        ProgressStatus.InProgress => "受講中",
        ProgressStatus.Overdue => "期限超過",
        _ => "未着手",
    };

    private static string Date(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) : "";

    /// <summary>An ASCII file name and a Japanese one for browsers that read filename*.</summary>
    public static (string Ascii, string Japanese) FileNames(string? unitPath, DateOnly today)
    {
        var date = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var unit = string.IsNullOrEmpty(unitPath) ? "" : "_" + unitPath.Replace('/', '_');
        return ($"team-progress-{date}.csv", $"受講状況{unit}_{date}.csv");
    }
}
