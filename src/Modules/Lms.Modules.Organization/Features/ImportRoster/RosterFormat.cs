using System.Text;
using Lms.Contracts.Organization;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// The roster file that HR exports and the admin imports (and that the roster export writes back).
/// <para>
/// A CSV file (comma separated, RFC 4180 quoting) in UTF-8 with or without a byte order mark, or in Shift_JIS (CP932),
/// detected automatically unless the admin chooses one. The first non-blank line is the header row; the columns may come
/// in any order and are named in Japanese or English, matched after NFKC normalisation, ignoring case and spaces
/// (<c>Email</c>, <c>ＥＭＡＩＬ</c> and <c> e mail </c> all match <c>email</c>; <c>e-mail</c> does not, and an unknown column is an error):
/// </para>
/// <list type="table">
/// <item><term>職員番号 / employeeNumber</term><description>required. Letters, digits and hyphens, 1-32 characters; full-width characters are made half-width. Unique in the file.</description></item>
/// <item><term>氏 / familyName</term><description>required, 50 characters at most.</description></item>
/// <item><term>名 / givenName</term><description>required, 50 characters at most.</description></item>
/// <item><term>氏カナ / familyNameKana</term><description>optional, katakana (ー, ・ and spaces allowed; half-width kana are made full-width), 100 characters at most.</description></item>
/// <item><term>名カナ / givenNameKana</term><description>optional, as 氏カナ.</description></item>
/// <item><term>メールアドレス / email</term><description>optional, 256 characters at most, stored in lower case. Unique in the file.</description></item>
/// <item><term>所属 / orgUnit</term><description>required. The unit's path from the top, names separated by <c>/</c> (or <c>／</c>), e.g. <c>総務部/政策推進課/DX推進係</c>; each name 100 characters at most, the path 400. Missing units are created.</description></item>
/// <item><term>職層 / tier</term><description>required: 幹部職, 管理職 or 一般職 (or executive, manager, general in any case).</description></item>
/// <item><term>生年 / birthYear</term><description>optional column: the year of birth in the Western calendar, four digits (full-width digits are made half-width; <c>1985年</c> and <c>西暦1985年</c> are read as 1985), from 1940 to 15 years before the current year. Blank: not known, and a stored year is cleared. Without the column, stored years stay as they are.</description></item>
/// <item><term>管理所属 / managedUnits</term><description>optional column: the units the person manages (each with everything below it), paths separated by <c>;</c> (or <c>；</c>). Blank: manages none.</description></item>
/// <item><term>在籍 / active</term><description>optional column: 1/0, true/false, yes/no, はい/いいえ, 在籍/退職, ○/×. Blank (or no column): not given, which the import takes as active.</description></item>
/// </list>
/// <para>
/// Blank lines (also lines of commas only) are skipped. Every line must have as many cells as the header row. A cell must not
/// contain a line break, and a line must not be longer than 1 MB (reading stops there: it is almost always an unclosed quote). Cells that the export protects from being run as spreadsheet formulas (a leading <c>'</c> before
/// <c>= + - @</c>) are read without the <c>'</c>. Lines are numbered as in a text editor, the header row being line 1 when it
/// is the first line; this is also Excel's row number unless a cell contains a line break.
/// </para>
/// <para>The export writes every column with the Japanese names in the order above, UTF-8 with a byte order mark and CRLF
/// line ends (as Excel writes "CSV UTF-8"), 職層 in Japanese, 生年 as four digits (blank when not known) and 在籍 as 1 or 0.</para>
/// </summary>
internal static class RosterFormat
{
    public const int MaxEmployeeNumberLength = 32;
    public const int MaxNameLength = 50;
    public const int MaxKanaLength = 100;
    public const int MaxEmailLength = 256;
    public const int MaxUnitNameLength = 100;
    public const int MaxUnitPathLength = 400;
    public const char PathSeparator = '/';
    public const char ManagedUnitsSeparator = ';';
    public const string Utf8Name = "UTF-8";
    public const string ShiftJisName = "Shift_JIS";
    public const int ShiftJisCodePage = 932;

    /// <summary>The columns in the export's order.</summary>
    public static readonly IReadOnlyList<RosterColumn> Columns =
    [
        new(RosterField.EmployeeNumber, "職員番号", "employeeNumber", Required: true),
        new(RosterField.FamilyName, "氏", "familyName", Required: true),
        new(RosterField.GivenName, "名", "givenName", Required: true),
        new(RosterField.FamilyNameKana, "氏カナ", "familyNameKana", Required: false),
        new(RosterField.GivenNameKana, "名カナ", "givenNameKana", Required: false),
        new(RosterField.Email, "メールアドレス", "email", Required: false),
        new(RosterField.OrgUnit, "所属", "orgUnit", Required: true),
        new(RosterField.Tier, "職層", "tier", Required: true),
        new(RosterField.BirthYear, "生年", "birthYear", Required: false),
        new(RosterField.ManagedUnits, "管理所属", "managedUnits", Required: false),
        new(RosterField.Active, "在籍", "active", Required: false),
    ];

    private static readonly Dictionary<string, RosterColumn> ByHeaderKey = Columns
        .SelectMany(c => new[] { KeyValuePair.Create(HeaderKey(c.Japanese), c), KeyValuePair.Create(HeaderKey(c.English), c) })
        .ToDictionary(StringComparer.Ordinal);

    private static readonly char[] PathSeparators = [PathSeparator, '／'];
    private static readonly char[] ListSeparators = [ManagedUnitsSeparator, '；'];

    // Excel users type ○/× with whichever circle the IME offers first.
    private static readonly Dictionary<string, bool> ActiveValues = new(StringComparer.Ordinal)
    {
        ["1"] = true, ["true"] = true, ["yes"] = true, ["はい"] = true, ["在籍"] = true, ["○"] = true, ["〇"] = true, ["◯"] = true,
        ["0"] = false, ["false"] = false, ["no"] = false, ["いいえ"] = false, ["退職"] = false, ["×"] = false, ["✕"] = false,
    };

    public static RosterColumn? FindColumn(string header) => ByHeaderKey.GetValueOrDefault(HeaderKey(header));

    /// <summary>A header as it is matched: NFKC (full-width letters, half-width kana), lower case, without any whitespace.</summary>
    public static string HeaderKey(string header)
    {
        var normalized = Nfkc(header.Replace("\uFEFF", "", StringComparison.Ordinal)).ToLowerInvariant();
        return string.Concat(normalized.Where(c => !char.IsWhiteSpace(c)));
    }

    /// <summary>NFKC, which never throws here: text with a lone surrogate is kept as it is.</summary>
    public static string Nfkc(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return value;
        }
    }

    public static bool TryParseTier(string value, out StaffTier tier) =>
        StaffTierNames.TryParse(Nfkc(value).Trim().ToLowerInvariant(), out tier);

    public static string TierText(StaffTier tier) => tier switch
    {
        StaffTier.Executive => "幹部職",
        StaffTier.Manager => "管理職",
        _ => "一般職",
    };

    public static bool TryParseActive(string value, out bool active) =>
        ActiveValues.TryGetValue(Nfkc(value).Trim().ToLowerInvariant(), out active);

    public static string ActiveText(bool active) => active ? "1" : "0";

    /// <summary>Splits a unit path on / or ／, trims the names and joins them with /.</summary>
    public static UnitPathProblem TryNormalizeUnitPath(string value, out string path)
    {
        var names = value.Split(PathSeparators).Select(n => n.Trim()).ToArray();
        path = string.Join(PathSeparator, names);
        if (names.Any(n => n.Length == 0))
        {
            return UnitPathProblem.EmptyName;
        }

        if (names.Any(n => n.Length > MaxUnitNameLength))
        {
            return UnitPathProblem.NameTooLong;
        }

        return path.Length > MaxUnitPathLength ? UnitPathProblem.PathTooLong : UnitPathProblem.None;
    }

    /// <summary>The paths of a 管理所属 cell; empty entries (a trailing ;) are ignored.</summary>
    public static IEnumerable<string> SplitUnitPaths(string value) =>
        value.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The value without the ' that the export puts before text Excel would run as a formula.</summary>
    public static string WithoutFormulaGuard(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;
}

internal enum RosterField
{
    EmployeeNumber,
    FamilyName,
    GivenName,
    FamilyNameKana,
    GivenNameKana,
    Email,
    OrgUnit,
    Tier,
    BirthYear,
    ManagedUnits,
    Active,
}

internal sealed record RosterColumn(RosterField Field, string Japanese, string English, bool Required);

internal enum UnitPathProblem
{
    None,
    EmptyName,
    NameTooLong,
    PathTooLong,
}

/// <summary>A problem in a roster file.</summary>
/// <param name="Line">1-based line of the file (header = line 1), 0 for the whole file.</param>
/// <param name="Column">The header as written in the file, or "" when the problem is not about one column.</param>
/// <param name="Message">In the reader's UI culture.</param>
internal sealed record RosterError(int Line, string Column, string Message);

/// <summary>One person of a roster file, normalised and valid as far as the file alone can tell.</summary>
/// <param name="BirthYear">Null when the cell is blank or the file has no 生年 column (<see cref="RosterFile.HasBirthYearColumn"/> tells which).</param>
/// <param name="ManagedUnitPaths">Null when the file has no 管理所属 column.</param>
internal sealed record RosterRow(
    int Line,
    string EmployeeNumber,
    string FamilyName,
    string GivenName,
    string FamilyNameKana,
    string GivenNameKana,
    string? Email,
    string OrgUnitPath,
    StaffTier Tier,
    int? BirthYear,
    IReadOnlyList<string>? ManagedUnitPaths,
    bool? Active);
