using Lms.Contracts.Organization;
using Lms.Modules.Organization.Domain;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// Checks the data rows one by one, remembering employee numbers and e-mails to find duplicates within the file.
/// Good rows are handed back, not kept: the reader passes them on, so the file is never held in memory.
/// </summary>
/// <param name="latestBirthYear">The latest year of birth accepted (see <see cref="BirthYears"/>), fixed for the whole file.</param>
/// <param name="findDuplicates">False on a second read of a file already found free of duplicates: remembering every
/// key again would double what the import holds per row, and the importer checks each row against the first read.</param>
internal sealed class RosterRowValidator(RosterLayout layout, IStringLocalizer<OrganizationStrings> T, int latestBirthYear, bool findDuplicates = true)
{
    private readonly Dictionary<string, int>? employeeNumbers = findDuplicates ? new(StringComparer.OrdinalIgnoreCase) : null;
    private readonly Dictionary<string, int>? emails = findDuplicates ? new(StringComparer.Ordinal) : null;
    private readonly List<RosterError> rowErrors = [];

    public List<RosterError> Errors { get; } = [];

    /// <returns>The row, normalised, when it has no problem; otherwise null, and its problems are in <see cref="Errors"/>.</returns>
    public RosterRow? Check(int line, string[] cells, string? quotingProblem)
    {
        rowErrors.Clear();
        if (quotingProblem is not null)
        {
            rowErrors.Add(new(line, "", quotingProblem));
        }

        if (cells.Length != layout.Headers.Count)
        {
            // The cells no longer line up with the header, so checking them one by one would only add noise.
            rowErrors.Add(new(line, "", T["This line has {0} cells, but the header row has {1}.", cells.Length, layout.Headers.Count].Value));
            Errors.AddRange(rowErrors);
            return null;
        }

        var values = new Values();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = RosterFormat.WithoutFormulaGuard(cells[i]);
            foreach (var problem in CheckCell(layout.Columns[i]?.Field, cell, line, values))
            {
                rowErrors.Add(new(line, layout.Headers[i], problem));
            }
        }

        if (rowErrors.Count > 0)
        {
            Errors.AddRange(rowErrors);
            return null;
        }

        return new RosterRow(line, values.EmployeeNumber, values.FamilyName, values.GivenName, values.FamilyNameKana, values.GivenNameKana,
            values.Email, values.OrgUnitPath, values.Tier, values.BirthYear, layout.Has(RosterField.ManagedUnits) ? values.ManagedUnitPaths : null, values.Active);
    }

    /// <summary>Checks one cell and keeps its normalised value in <paramref name="values"/>.</summary>
    private IEnumerable<string> CheckCell(RosterField? field, string cell, int line, Values values)
    {
        if (field is null)
        {
            return string.IsNullOrWhiteSpace(cell) ? [] : [T["This cell has a value, but its column has no name in the header row."].Value];
        }

        if (cell.Contains('\r', StringComparison.Ordinal) || cell.Contains('\n', StringComparison.Ordinal))
        {
            return [T["A cell must not contain a line break."].Value];
        }

        if (field == RosterField.ManagedUnits)
        {
            return CheckManagedUnits(cell, values);
        }

        return CheckValue(field.Value, cell, line, values) is { } problem ? [problem] : [];
    }

    private string? CheckValue(RosterField field, string cell, int line, Values values)
    {
        switch (field)
        {
            case RosterField.EmployeeNumber:
                var number = RosterFormat.Nfkc(cell).Trim();
                if (number.Length == 0)
                {
                    return T["Enter the employee number."].Value;
                }

                if (!RosterReader.EmployeeNumberPattern().IsMatch(number))
                {
                    return T["The employee number may contain only letters, digits and hyphens (32 characters at most)."].Value;
                }

                if (employeeNumbers is not null && !employeeNumbers.TryAdd(number, line))
                {
                    return T["The employee number {0} is also on line {1}.", number, employeeNumbers[number]].Value;
                }

                values.EmployeeNumber = number;
                return null;

            case RosterField.FamilyName:
                values.FamilyName = cell.Trim();
                return values.FamilyName.Length == 0 ? T["Enter the family name."].Value
                    : values.FamilyName.Length > RosterFormat.MaxNameLength ? T["The family name is too long (50 characters at most)."].Value : null;

            case RosterField.GivenName:
                values.GivenName = cell.Trim();
                return values.GivenName.Length == 0 ? T["Enter the given name."].Value
                    : values.GivenName.Length > RosterFormat.MaxNameLength ? T["The given name is too long (50 characters at most)."].Value : null;

            case RosterField.FamilyNameKana:
                values.FamilyNameKana = RosterFormat.Nfkc(cell).Trim();
                return KanaProblem(values.FamilyNameKana);

            case RosterField.GivenNameKana:
                values.GivenNameKana = RosterFormat.Nfkc(cell).Trim();
                return KanaProblem(values.GivenNameKana);

            case RosterField.Email:
                var email = RosterFormat.Nfkc(cell).Trim().ToLowerInvariant();
                if (email.Length == 0)
                {
                    return null;
                }

                if (email.Length > RosterFormat.MaxEmailLength)
                {
                    return T["The e-mail address is too long (256 characters at most)."].Value;
                }

                if (!RosterReader.IsEmailAddress(email))
                {
                    return T["The e-mail address is not valid."].Value;
                }

                if (emails is not null && !emails.TryAdd(email, line))
                {
                    return T["The e-mail address {0} is also on line {1}.", email, emails[email]].Value;
                }

                values.Email = email;
                return null;

            case RosterField.OrgUnit:
                if (string.IsNullOrWhiteSpace(cell))
                {
                    return T["Enter the unit the person belongs to (for example 総務部/総務課)."].Value;
                }

                return PathProblem(cell, out values.OrgUnitPath);

            case RosterField.Tier:
                if (string.IsNullOrWhiteSpace(cell))
                {
                    return T["Enter the tier (幹部職, 管理職 or 一般職)."].Value;
                }

                return RosterFormat.TryParseTier(cell, out values.Tier) ? null
                    : T["The tier is not valid (use 幹部職, 管理職 or 一般職, or executive, manager or general)."].Value;

            case RosterField.BirthYear:
                return BirthYears.Check(cell, latestBirthYear, out values.BirthYear) switch
                {
                    BirthYearProblem.NotAYear => T["Write the year of birth as four digits of the Western calendar, for example 1985 (not 昭和60年)."].Value,
                    BirthYearProblem.OutOfRange => T["The year of birth must be from {0} to {1}.", BirthYears.Earliest, latestBirthYear].Value,
                    _ => null,
                };

            case RosterField.Active:
                if (string.IsNullOrWhiteSpace(cell))
                {
                    return null;
                }

                if (!RosterFormat.TryParseActive(cell, out var active))
                {
                    return T["The active value is not valid (use 1 or 0, TRUE or FALSE, 在籍 or 退職)."].Value;
                }

                values.Active = active;
                return null;

            default:
                return null;
        }
    }

    private List<string> CheckManagedUnits(string cell, Values values)
    {
        var paths = new List<string>();
        var problems = new List<string>();
        foreach (var entry in RosterFormat.SplitUnitPaths(cell))
        {
            if (PathProblem(entry, out var path) is { } problem)
            {
                problems.Add(problem);
            }
            else if (!paths.Contains(path, StringComparer.Ordinal))
            {
                paths.Add(path);
            }
        }

        values.ManagedUnitPaths = paths;
        return problems;
    }

    private string? KanaProblem(string kana) =>
        kana.Length > RosterFormat.MaxKanaLength ? T["The kana is too long (100 characters at most)."].Value
        : RosterReader.KatakanaPattern().IsMatch(kana) ? null : T["Write the kana in katakana."].Value;

    private string? PathProblem(string value, out string path) => RosterFormat.TryNormalizeUnitPath(value, out path) switch
    {
        UnitPathProblem.EmptyName => T["The unit path {0} has an empty part; separate unit names with a single /.", value.Trim()].Value,
        UnitPathProblem.NameTooLong => T["A unit name in {0} is too long (100 characters at most).", value.Trim()].Value,
        UnitPathProblem.PathTooLong => T["The unit path {0} is too long (400 characters at most).", value.Trim()].Value,
        _ => null,
    };

    /// <summary>The normalised values of the row being checked.</summary>
    private sealed class Values
    {
        public string EmployeeNumber = "";
        public string FamilyName = "";
        public string GivenName = "";
        public string FamilyNameKana = "";
        public string GivenNameKana = "";
        public string? Email;
        public string OrgUnitPath = "";
        public StaffTier Tier;
        public int? BirthYear;
        public IReadOnlyList<string> ManagedUnitPaths = [];
        public bool? Active;
    }
}
