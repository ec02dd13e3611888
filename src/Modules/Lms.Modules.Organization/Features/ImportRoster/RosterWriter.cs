using System.Globalization;
using CsvHelper;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>Writes the roster in the import format (see <see cref="RosterFormat"/>), so an admin can fix it in Excel and import it again.</summary>
internal static class RosterWriter
{
    // Excel opens UTF-8 CSV as Shift_JIS unless it starts with a byte order mark. A cell starting with = + - @ gets a ' in front,
    // so Excel shows it as text instead of running it as a formula; the reader takes the ' off again.
    private static readonly CsvWriterOptions Options = new()
    {
        WriteByteOrderMark = true,
        NewLine = "\r\n",
        Separator = ',',
        Injection = CsvInjection.Escape,
    };

    public static async Task WriteAsync(Stream stream, IEnumerable<RosterRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        csv.WriteHeader(RosterFormat.Columns.Select(c => c.Japanese).ToArray());
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync(Fields(row), cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>The cells of a row in the order of <see cref="RosterFormat.Columns"/>.</summary>
    private static string[] Fields(RosterRow row) => RosterFormat.Columns.Select(c => c.Field switch
    {
        RosterField.EmployeeNumber => row.EmployeeNumber,
        RosterField.FamilyName => row.FamilyName,
        RosterField.GivenName => row.GivenName,
        RosterField.FamilyNameKana => row.FamilyNameKana,
        RosterField.GivenNameKana => row.GivenNameKana,
        RosterField.Email => row.Email ?? "",
        RosterField.OrgUnit => row.OrgUnitPath,
        RosterField.Tier => RosterFormat.TierText(row.Tier),
        RosterField.BirthYear => row.BirthYear?.ToString(CultureInfo.InvariantCulture) ?? "",
        RosterField.ManagedUnits => string.Join(RosterFormat.ManagedUnitsSeparator, row.ManagedUnitPaths ?? []),
        RosterField.Active => row.Active is { } active ? RosterFormat.ActiveText(active) : "",
        _ => "",
    }).ToArray();
}
