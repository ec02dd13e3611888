using System.Globalization;
using System.Text;
using Lms.Contracts.Organization;
using Lms.Modules.Organization;
using Lms.Modules.Organization.Features.ImportRoster;
using Lms.Tests.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lms.Tests.Organization;

public sealed class RosterReaderTests
{
    private const string Header = "職員番号,氏,名,氏カナ,名カナ,メールアドレス,所属,職層,管理所属,在籍";
    private const string Good = "100001,山田,太郎,ヤマダ,タロウ,t-yamada@city.example.jp,総務部/総務課,一般職,,1";

    /// <summary>What the export writes: every column, 生年 after 職層.</summary>
    private const string ExportHeader = "職員番号,氏,名,氏カナ,名カナ,メールアドレス,所属,職層,生年,管理所属,在籍";

    /// <summary>1 April 2026 in Japan: years of birth up to 2011 (15 years before) are accepted.</summary>
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(9)));

    private static readonly Encoding ShiftJis = CreateShiftJis();

    /// <summary>Messages are the keys, formatted: the tests do not depend on the translations.</summary>
    private sealed class KeyLocalizer : IStringLocalizer<OrganizationStrings>
    {
        public LocalizedString this[string name] => new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(CultureInfo.InvariantCulture, name, arguments), resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static Encoding CreateShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }

    private static string Csv(params string[] lines) => string.Concat(lines.Select(l => l + "\r\n"));

    private static byte[] Utf8(string text, bool bom = true) => [.. bom ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(text)];

    /// <summary>What the reader reports, with the rows it handed out (it keeps none itself).</summary>
    private sealed record ReadResult(RosterFile File, List<RosterRow> Rows)
    {
        public string EncodingName => File.EncodingName;
        public IReadOnlyList<string> Headers => File.Headers;
        public IReadOnlyList<RosterError> Errors => File.Errors;
        public int DataRowCount => File.DataRowCount;
        public bool HasManagedUnitsColumn => File.HasManagedUnitsColumn;
        public bool HasActiveColumn => File.HasActiveColumn;
        public bool HasBirthYearColumn => File.HasBirthYearColumn;
        public bool IsValid => File.IsValid;
    }

    private static async Task<ReadResult> ReadAsync(byte[] bytes, RosterEncoding encoding = RosterEncoding.Auto, IProgress<int>? progress = null)
    {
        var rows = new List<RosterRow>();
        var file = await RosterReader.ReadAsync(new MemoryStream(bytes), encoding, new KeyLocalizer(), Clock, row =>
        {
            rows.Add(row);
            return ValueTask.CompletedTask;
        }, progress);
        return new ReadResult(file, rows);
    }

    private static Task<ReadResult> ReadAsync(params string[] lines) => ReadAsync(Utf8(Csv(lines)));

    /// <summary>A file of the header and one row whose cell <paramref name="column"/> is <paramref name="value"/>.</summary>
    private static Task<ReadResult> ReadWithAsync(string column, string value)
    {
        var headers = Header.Split(',');
        var cells = Good.Split(',');
        cells[Array.IndexOf(headers, column)] = value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;
        return ReadAsync(Header, string.Join(',', cells));
    }

    private static string SamplePath(string name) => Path.Combine(TestPaths.RepositoryRoot(), "samples", name);

    private static void AssertRowsEqual(IReadOnlyList<RosterRow> expected, IReadOnlyList<RosterRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e with { ManagedUnitPaths = null }, a with { ManagedUnitPaths = null });
            Assert.Equal(e.ManagedUnitPaths ?? [], a.ManagedUnitPaths ?? []);
        }
    }

    private static RosterError SingleError(ReadResult file)
    {
        Assert.Empty(file.Rows);
        return Assert.Single(file.Errors);
    }

    [Fact]
    public async Task A_UTF8_file_with_a_BOM_is_read_and_normalised()
    {
        var file = await ReadAsync(Header, Good);

        Assert.True(file.IsValid);
        Assert.Equal("UTF-8", file.EncodingName);
        Assert.Equal(Header.Split(','), file.Headers);
        Assert.True(file.HasManagedUnitsColumn);
        Assert.True(file.HasActiveColumn);
        Assert.False(file.HasBirthYearColumn);
        Assert.Equal(1, file.DataRowCount);
        var row = Assert.Single(file.Rows);
        Assert.Equal(new RosterRow(2, "100001", "山田", "太郎", "ヤマダ", "タロウ", "t-yamada@city.example.jp", "総務部/総務課", StaffTier.General, null, row.ManagedUnitPaths, true), row);
        Assert.Empty(row.ManagedUnitPaths!);
    }

    [Fact]
    public async Task A_UTF8_file_without_a_BOM_is_detected()
    {
        var file = await ReadAsync(Utf8(Csv(Header, Good), bom: false));

        Assert.True(file.IsValid);
        Assert.Equal("UTF-8", file.EncodingName);
        Assert.Equal("山田", Assert.Single(file.Rows).FamilyName);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("shift_jis")]
    public async Task A_Shift_JIS_file_is_read_detected_or_chosen(string encoding)
    {
        Assert.True(RosterReader.TryParseEncoding(encoding, out var chosen));

        var file = await ReadAsync(ShiftJis.GetBytes(Csv(Header, Good)), chosen);

        Assert.True(file.IsValid);
        Assert.Equal("Shift_JIS", file.EncodingName);
        var row = Assert.Single(file.Rows);
        Assert.Equal(("山田", "ヤマダ", "総務部/総務課"), (row.FamilyName, row.FamilyNameKana, row.OrgUnitPath));
    }

    [Fact]
    public async Task A_Shift_JIS_file_read_as_UTF8_gives_one_whole_file_error_that_suggests_Shift_JIS()
    {
        var file = await ReadAsync(ShiftJis.GetBytes(Csv(Header, Good)), RosterEncoding.Utf8);

        var error = SingleError(file);
        Assert.Equal((0, ""), (error.Line, error.Column));
        Assert.Contains("Shift_JIS", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, file.DataRowCount);
    }

    [Fact]
    public async Task A_UTF8_file_with_a_BOM_read_as_Shift_JIS_gives_one_whole_file_error()
    {
        var error = SingleError(await ReadAsync(Utf8(Csv(Header, Good)), RosterEncoding.ShiftJis));

        Assert.Equal(0, error.Line);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\r\n\r\n")]
    public async Task An_empty_file_gives_one_whole_file_error(string text)
    {
        var error = SingleError(await ReadAsync(Utf8(text, bom: false)));

        Assert.Equal(new RosterError(0, "", "The file is empty."), error);
    }

    [Fact]
    public async Task An_Excel_workbook_or_other_binary_file_is_refused_as_a_whole()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00];

        var error = SingleError(await ReadAsync(zip));

        Assert.Equal(0, error.Line);
        Assert.Contains("not a CSV", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_without_data_rows_is_an_error()
    {
        var error = SingleError(await ReadAsync(Header));

        Assert.Equal(new RosterError(0, "", "The file has a header row but no data rows."), error);
    }

    [Fact]
    public async Task English_headers_in_another_order_and_without_optional_columns_are_read()
    {
        var file = await ReadAsync(
            "tier,orgUnit,email,givenName,familyName,employeeNumber",
            "manager,総務部,Hanako.Sato@City.Example.JP,花子,佐藤,A-7");

        Assert.True(file.IsValid);
        Assert.False(file.HasManagedUnitsColumn);
        Assert.False(file.HasActiveColumn);
        Assert.Equal(new RosterRow(2, "A-7", "佐藤", "花子", "", "", "hanako.sato@city.example.jp", "総務部", StaffTier.Manager, null, null, null),
            Assert.Single(file.Rows));
    }

    [Fact]
    public async Task Headers_match_ignoring_case_spaces_and_full_width_letters()
    {
        var file = await ReadAsync(
            " EMPLOYEE number ,ＦａｍｉｌｙＮａｍｅ,名 ,氏ｶﾅ,Given Name Kana,Email,所 属,TIER,ManagedUnits,ACTIVE",
            Good);

        Assert.True(file.IsValid, string.Join(" | ", file.Errors));
        Assert.Equal(" EMPLOYEE number ", file.Headers[0]);
        Assert.Equal("ヤマダ", Assert.Single(file.Rows).FamilyNameKana);
    }

    [Fact]
    public async Task Missing_required_columns_are_each_reported_by_their_Japanese_name_and_rows_are_not_checked()
    {
        var file = await ReadAsync("職員番号,氏カナ,所属", "x!,ひらがな,");

        Assert.Equal(["氏", "名", "職層"], file.Errors.Select(e => e.Column));
        Assert.All(file.Errors, e => Assert.Equal(1, e.Line));
        Assert.Contains("The required column 氏 (familyName) is missing.", file.Errors.Select(e => e.Message));
        Assert.Equal(0, file.DataRowCount);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public async Task An_unknown_column_is_reported_not_ignored()
    {
        var file = await ReadAsync(Header + ",メールアドレス２,", Good + ",x@city.example.jp,");

        var error = Assert.Single(file.Errors);
        Assert.Equal((1, "メールアドレス２"), (error.Line, error.Column));
        Assert.Contains("メールアドレス２", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_column_twice_is_reported_even_under_its_other_name()
    {
        var file = await ReadAsync(Header + ",familyName", Good + ",山田");

        var error = Assert.Single(file.Errors);
        Assert.Equal((1, "familyName"), (error.Line, error.Column));
        Assert.Contains("氏", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_errors_are_ordered_by_column_with_missing_columns_last()
    {
        var file = await ReadAsync("職員番号,bogus,氏,名,familyName,所属", Good);

        Assert.Equal(["bogus", "familyName", "職層"], file.Errors.Select(e => e.Column));
    }

    [Theory]
    [InlineData("職員番号")]
    [InlineData("氏")]
    [InlineData("名")]
    [InlineData("所属")]
    [InlineData("職層")]
    public async Task A_blank_required_field_is_an_error_at_its_line_and_column(string column)
    {
        var error = SingleError(await ReadWithAsync(column, "  "));

        Assert.Equal((2, column), (error.Line, error.Column));
        Assert.StartsWith("Enter the ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("１２３４５", "12345")]
    [InlineData(" ＡＢ－０１ ", "AB-01")]
    [InlineData("abc-123", "abc-123")]
    public async Task Employee_numbers_are_trimmed_and_made_half_width(string cell, string expected)
    {
        var file = await ReadWithAsync("職員番号", cell);

        Assert.Equal(expected, Assert.Single(file.Rows).EmployeeNumber);
    }

    [Theory]
    [InlineData("100 001")]
    [InlineData("100_001")]
    [InlineData("職員1")]
    [InlineData("123456789012345678901234567890123")]
    public async Task Employee_numbers_other_than_letters_digits_and_hyphens_up_to_32_are_errors(string cell)
    {
        var error = SingleError(await ReadWithAsync("職員番号", cell));

        Assert.Equal("職員番号", error.Column);
        Assert.Contains("letters, digits and hyphens", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("氏", "The family name is too long (50 characters at most).")]
    [InlineData("名", "The given name is too long (50 characters at most).")]
    public async Task Names_over_50_characters_are_errors(string column, string message)
    {
        Assert.True((await ReadWithAsync(column, new string('あ', 50))).IsValid);

        var error = SingleError(await ReadWithAsync(column, new string('あ', 51)));

        Assert.Equal(new RosterError(2, column, message), error);
    }

    [Theory]
    [InlineData("ﾔﾏﾀﾞ", "ヤマダ")]
    [InlineData(" ヤマダ　タロウ ", "ヤマダ タロウ")]
    [InlineData("ジョン・スミス", "ジョン・スミス")]
    [InlineData("ｺｰﾄﾞ", "コード")]
    [InlineData("", "")]
    public async Task Kana_is_trimmed_and_half_width_kana_made_full_width(string cell, string expected)
    {
        var file = await ReadWithAsync("氏カナ", cell);

        Assert.Equal(expected, Assert.Single(file.Rows).FamilyNameKana);
    }

    [Theory]
    [InlineData("やまだ", "Write the kana in katakana.")]
    [InlineData("山田", "Write the kana in katakana.")]
    [InlineData("Yamada", "Write the kana in katakana.")]
    public async Task Kana_other_than_katakana_is_an_error(string cell, string message)
    {
        var error = SingleError(await ReadWithAsync("名カナ", cell));

        Assert.Equal(new RosterError(2, "名カナ", message), error);
    }

    [Fact]
    public async Task Kana_over_100_characters_is_an_error()
    {
        Assert.True((await ReadWithAsync("名カナ", new string('ア', 100))).IsValid);

        var error = SingleError(await ReadWithAsync("名カナ", new string('ア', 101)));

        Assert.Equal(new RosterError(2, "名カナ", "The kana is too long (100 characters at most)."), error);
    }

    [Theory]
    [InlineData(" Taro.Yamada@City.Example.JP ", "taro.yamada@city.example.jp")]
    [InlineData("ｔａｒｏ＠ｃｉｔｙ．ｅｘａｍｐｌｅ．ｊｐ", "taro@city.example.jp")]
    [InlineData("", null)]
    public async Task E_mail_addresses_are_trimmed_and_lower_cased_and_blank_is_none(string cell, string? expected)
    {
        var file = await ReadWithAsync("メールアドレス", cell);

        Assert.Equal(expected, Assert.Single(file.Rows).Email);
    }

    [Theory]
    [InlineData("taro")]
    [InlineData("taro@city")]
    [InlineData("@city.example.jp")]
    [InlineData("taro@@city.example.jp")]
    [InlineData("taro@city..jp")]
    [InlineData("taro@.city.jp")]
    [InlineData("taro yamada@city.example.jp")]
    [InlineData("Taro <taro@city.example.jp>")]
    [InlineData("taro@city.example.jp;hanako@city.example.jp")]
    public async Task Malformed_e_mail_addresses_are_errors(string cell)
    {
        var error = SingleError(await ReadWithAsync("メールアドレス", cell));

        Assert.Equal(new RosterError(2, "メールアドレス", "The e-mail address is not valid."), error);
    }

    [Fact]
    public async Task E_mail_addresses_over_256_characters_are_errors()
    {
        var error = SingleError(await ReadWithAsync("メールアドレス", new string('a', 240) + "@city.example.jp1"));

        Assert.Equal(new RosterError(2, "メールアドレス", "The e-mail address is too long (256 characters at most)."), error);
    }

    [Theory]
    [InlineData("総務部", "総務部")]
    [InlineData(" 総務部 / 政策推進課 /DX推進係 ", "総務部/政策推進課/DX推進係")]
    [InlineData("総務部／総務課", "総務部/総務課")]
    public async Task Unit_paths_are_split_on_either_slash_and_trimmed(string cell, string expected)
    {
        var file = await ReadWithAsync("所属", cell);

        Assert.Equal(expected, Assert.Single(file.Rows).OrgUnitPath);
    }

    [Theory]
    [InlineData("総務部//文書係", "has an empty part")]
    [InlineData("/総務部", "has an empty part")]
    [InlineData("総務部/", "has an empty part")]
    [InlineData("総務部/ /文書係", "has an empty part")]
    public async Task Unit_paths_with_an_empty_name_are_errors(string cell, string message)
    {
        var error = SingleError(await ReadWithAsync("所属", cell));

        Assert.Equal((2, "所属"), (error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_names_over_100_and_paths_over_400_characters_are_errors()
    {
        var longName = SingleError(await ReadWithAsync("所属", "総務部/" + new string('課', 101)));
        var longPath = SingleError(await ReadWithAsync("所属", string.Join('/', Enumerable.Repeat(new string('課', 100), 5))));

        Assert.Contains("too long (100 characters at most)", longName.Message, StringComparison.Ordinal);
        Assert.Contains("too long (400 characters at most)", longPath.Message, StringComparison.Ordinal);
        Assert.True((await ReadWithAsync("所属", string.Join('/', Enumerable.Repeat(new string('課', 99), 4)))).IsValid);
    }

    [Theory]
    [InlineData("幹部職", StaffTier.Executive)]
    [InlineData("管理職", StaffTier.Manager)]
    [InlineData(" 一般職 ", StaffTier.General)]
    [InlineData("Executive", StaffTier.Executive)]
    [InlineData("MANAGER", StaffTier.Manager)]
    [InlineData("ｇｅｎｅｒａｌ", StaffTier.General)]
    public async Task Tiers_are_read_in_Japanese_or_English_in_any_case(string cell, StaffTier expected)
    {
        Assert.Equal(expected, Assert.Single((await ReadWithAsync("職層", cell)).Rows).Tier);
    }

    [Theory]
    [InlineData("部長")]
    [InlineData("staff")]
    [InlineData("2")]
    public async Task An_unknown_tier_is_an_error(string cell)
    {
        var error = SingleError(await ReadWithAsync("職層", cell));

        Assert.Equal((2, "職層"), (error.Line, error.Column));
        Assert.StartsWith("The tier is not valid", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("Yes", true)]
    [InlineData("no", false)]
    [InlineData("はい", true)]
    [InlineData("いいえ", false)]
    [InlineData("在籍", true)]
    [InlineData("退職", false)]
    [InlineData("○", true)]
    [InlineData("×", false)]
    [InlineData("１", true)]
    [InlineData("", null)]
    public async Task Active_values_are_read_and_blank_is_not_given(string cell, bool? expected)
    {
        Assert.Equal(expected, Assert.Single((await ReadWithAsync("在籍", cell)).Rows).Active);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("休職")]
    [InlineData("maybe")]
    public async Task An_unknown_active_value_is_an_error(string cell)
    {
        var error = SingleError(await ReadWithAsync("在籍", cell));

        Assert.Equal((2, "在籍"), (error.Line, error.Column));
        Assert.StartsWith("The active value is not valid", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The sample row with a 生年 column at the end holding <paramref name="cell"/>.</summary>
    private static Task<ReadResult> ReadWithBirthYearAsync(string cell, string header = "生年") => ReadAsync(Header + "," + header, Good + "," + cell);

    [Theory]
    [InlineData("1985", 1985)]
    [InlineData(" １９８５ ", 1985)]
    [InlineData("1985年", 1985)]
    [InlineData("１９８５年", 1985)]
    [InlineData("西暦1985年", 1985)]
    [InlineData("1940", 1940)]
    [InlineData("2011", 2011)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    public async Task Years_of_birth_are_read_in_four_digits_and_blank_is_not_given(string cell, int? expected)
    {
        var file = await ReadWithBirthYearAsync(cell);

        Assert.True(file.IsValid, string.Join(" | ", file.Errors));
        Assert.True(file.HasBirthYearColumn);
        Assert.Equal(expected, Assert.Single(file.Rows).BirthYear);
    }

    [Fact]
    public async Task The_year_of_birth_column_is_found_under_its_English_name()
    {
        var file = await ReadWithBirthYearAsync("1990", header: "Birth Year");

        Assert.True(file.HasBirthYearColumn);
        Assert.Equal(1990, Assert.Single(file.Rows).BirthYear);
    }

    [Theory]
    [InlineData("昭和60年")]
    [InlineData("S60")]
    [InlineData("85")]
    [InlineData("1985/04/01")]
    [InlineData("19850")]
    [InlineData("1985年生")]
    public async Task A_year_of_birth_that_is_not_four_Western_digits_is_an_error(string cell)
    {
        var error = SingleError(await ReadWithBirthYearAsync(cell));

        Assert.Equal(new RosterError(2, "生年", "Write the year of birth as four digits of the Western calendar, for example 1985 (not 昭和60年)."), error);
    }

    [Theory]
    [InlineData("1939")]
    [InlineData("2012")]
    [InlineData("2026")]
    public async Task A_year_of_birth_before_1940_or_less_than_15_years_ago_is_an_error(string cell)
    {
        var error = SingleError(await ReadWithBirthYearAsync(cell));

        Assert.Equal(new RosterError(2, "生年", "The year of birth must be from 1940 to 2011."), error);
    }

    [Fact]
    public async Task Managed_units_are_split_normalised_and_deduplicated()
    {
        var file = await ReadWithAsync("管理所属", "総務部／総務課; 総務部 ;総務部/総務課；市民生活部;");

        Assert.Equal(["総務部/総務課", "総務部", "市民生活部"], Assert.Single(file.Rows).ManagedUnitPaths!);
    }

    [Fact]
    public async Task Each_malformed_managed_unit_path_is_its_own_error()
    {
        var file = await ReadWithAsync("管理所属", "総務部//総務課;総務部;/市民課");

        Assert.Empty(file.Rows);
        Assert.Equal(2, file.Errors.Count);
        Assert.All(file.Errors, e => Assert.Equal((2, "管理所属"), (e.Line, e.Column)));
        Assert.Contains("総務部//総務課", file.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("/市民課", file.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_with_the_wrong_number_of_cells_is_an_error_and_the_other_lines_are_still_read()
    {
        var file = await ReadAsync(Header, "100002,佐藤,花子", Good, Good.Replace("100001", "100003", StringComparison.Ordinal) + ",extra");

        Assert.Equal(3, file.DataRowCount);
        Assert.Equal(3, Assert.Single(file.Rows).Line);
        Assert.Equal([new RosterError(2, "", "This line has 3 cells, but the header row has 10."), new RosterError(4, "", "This line has 11 cells, but the header row has 10.")],
            file.Errors);
    }

    [Fact]
    public async Task Bad_quoting_and_line_breaks_in_cells_are_errors_not_exceptions()
    {
        var file = await ReadAsync(Header,
            "100002,\"佐藤\"x,花子,,,,総務部,一般職,,1",
            "100003,\"佐藤\r\n次郎\",花子,,,,総務部,一般職,,1",
            "100004,\"佐藤,花子,,,,総務部,一般職,,1");

        Assert.Empty(file.Rows);
        Assert.Equal(3, file.DataRowCount);
        Assert.Equal(new RosterError(2, "", "The quotation marks on this line are not valid."), file.Errors[0]);
        Assert.Equal(new RosterError(3, "氏", "A cell must not contain a line break."), file.Errors[1]);
        Assert.Equal(5, file.Errors[2].Line);
        Assert.Contains("never closed", file.Errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unclosed_quote_before_megabytes_of_rows_stops_the_reading_with_an_error()
    {
        var rows = Enumerable.Range(1, 20_000).Select(i => $"{i:D6},山田,太郎,ヤマダ,タロウ,,総務部/総務課,一般職,,1");

        var file = await ReadAsync([Header, Good, "100000,\"山田,太郎,,,,総務部,一般職,,1", .. rows]);

        var error = Assert.Single(file.Errors);
        Assert.Equal((3, ""), (error.Line, error.Column));
        Assert.StartsWith("A line is longer than 1 MB", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, file.DataRowCount);
    }

    [Fact]
    public async Task A_value_under_a_column_without_a_name_is_an_error_but_blank_cells_there_are_fine()
    {
        var file = await ReadAsync(Header + ",", Good + ",", Good.Replace("100001", "100002", StringComparison.Ordinal).Replace("t-yamada", "j-yamada", StringComparison.Ordinal) + ",メモ");

        Assert.Single(file.Rows);
        Assert.Equal(new RosterError(3, "", "This cell has a value, but its column has no name in the header row."), Assert.Single(file.Errors));
    }

    [Fact]
    public async Task A_duplicate_employee_number_is_reported_on_each_later_line_naming_the_first()
    {
        var file = await ReadAsync(Header,
            Good,
            "１００００１,佐藤,花子,,,,総務部,一般職,,",
            "100002,鈴木,一郎,,,,総務部,一般職,,",
            "100001,田中,次郎,,,,総務部,一般職,,");

        Assert.Equal([2, 4], file.Rows.Select(r => r.Line));
        Assert.Equal(
            [new RosterError(3, "職員番号", "The employee number 100001 is also on line 2."), new RosterError(5, "職員番号", "The employee number 100001 is also on line 2.")],
            file.Errors);
    }

    [Fact]
    public async Task A_duplicate_e_mail_address_is_reported_on_each_later_line_naming_the_first()
    {
        var file = await ReadAsync(Header,
            Good,
            "100002,佐藤,花子,,,T-Yamada@City.Example.JP,総務部,一般職,,",
            "100003,鈴木,一郎,,,,総務部,一般職,,",
            "100004,田中,次郎,,,,総務部,一般職,,");

        Assert.Equal([2, 4, 5], file.Rows.Select(r => r.Line));
        Assert.Equal(new RosterError(3, "メールアドレス", "The e-mail address t-yamada@city.example.jp is also on line 2."), Assert.Single(file.Errors));
    }

    [Fact]
    public async Task Blank_lines_are_skipped_and_lines_keep_their_numbers_in_the_file()
    {
        var file = await ReadAsync(Utf8("\r\n" + Header + "\r\n\r\n" + Good + "\r\n,,,,,,,,,\r\n \r\n" +
            "100002,佐藤,花子,,,,,一般職,,\r\n\r\n"));

        Assert.Equal(2, file.DataRowCount);
        Assert.Equal(4, Assert.Single(file.Rows).Line);
        Assert.Equal(new RosterError(7, "所属", "Enter the unit the person belongs to (for example 総務部/総務課)."), Assert.Single(file.Errors));
    }

    [Fact]
    public async Task Every_problem_of_every_row_is_reported_at_once_by_line_then_column()
    {
        var file = await ReadAsync(
            "在籍,職層,所属,メールアドレス,名カナ,氏カナ,名,氏,職員番号",
            "maybe,boss,,mail,たろう,ﾔﾏﾀﾞ,,,",
            "1,一般職,総務部,,,,花子,佐藤,x y");

        Assert.Empty(file.Rows);
        Assert.Equal(
            [(2, "在籍"), (2, "職層"), (2, "所属"), (2, "メールアドレス"), (2, "名カナ"), (2, "名"), (2, "氏"), (2, "職員番号"), (3, "職員番号")],
            file.Errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public async Task A_formula_guard_written_by_the_export_is_removed()
    {
        var file = await ReadWithAsync("氏", "'=山田");

        Assert.Equal("=山田", Assert.Single(file.Rows).FamilyName);
    }

    [Fact]
    public async Task Messages_come_in_Japanese_through_the_module_resources()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var localizer = new StringLocalizer<OrganizationStrings>(factory);
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
            var file = await RosterReader.ReadAsync(new MemoryStream(Utf8(Csv(Header, "100001,,太郎,,,,総務部,一般職,,"))), RosterEncoding.Auto, localizer, Clock);

            Assert.Equal(new RosterError(2, "氏", "氏を入力してください。"), Assert.Single(file.Errors));

            var years = await RosterReader.ReadAsync(new MemoryStream(Utf8(Csv(Header + ",生年", "100001,山田,太郎,,,,総務部,一般職,,,昭和60年", "100002,佐藤,花子,,,,総務部,一般職,,,2020"))),
                RosterEncoding.Auto, localizer, Clock);

            Assert.Equal(
                [new RosterError(2, "生年", "生年は西暦の4桁で入力してください（例: 1985）。和暦（昭和60年など）は使えません。"), new RosterError(3, "生年", "生年は1940年から2011年までの西暦で入力してください。")],
                years.Errors);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public async Task Both_sample_files_import_without_errors_and_hold_the_same_rows()
    {
        var utf8 = await File.ReadAllBytesAsync(SamplePath("roster-sample.csv"));
        var sjis = await File.ReadAllBytesAsync(SamplePath("roster-sample-sjis.csv"));

        var fromUtf8 = await ReadAsync(utf8);
        var fromSjis = await ReadAsync(sjis);

        Assert.True(fromUtf8.IsValid, string.Join(" | ", fromUtf8.Errors));
        Assert.True(fromSjis.IsValid, string.Join(" | ", fromSjis.Errors));
        Assert.Equal(("UTF-8", "Shift_JIS"), (fromUtf8.EncodingName, fromSjis.EncodingName));
        Assert.Equal(utf8[..3], Encoding.UTF8.Preamble.ToArray());
        Assert.Contains("\r\n", Encoding.UTF8.GetString(utf8), StringComparison.Ordinal);
        AssertRowsEqual(fromUtf8.Rows, fromSjis.Rows);
        Assert.InRange(fromUtf8.Rows.Count, 18, 25);
        Assert.Equal(3, fromUtf8.Rows.Select(r => r.Tier).Distinct().Count());
        Assert.Equal(2, fromUtf8.Rows.Count(r => r.ManagedUnitPaths!.Count > 0));
        Assert.Single(fromUtf8.Rows, r => r.Active == false);
        Assert.Equal(2, fromUtf8.Rows.Select(r => r.OrgUnitPath.Split('/')[0]).Distinct().Count());
        Assert.Equal(4, fromUtf8.Rows.Where(r => r.OrgUnitPath.Contains('/', StringComparison.Ordinal)).Select(r => string.Join('/', r.OrgUnitPath.Split('/')[..2])).Distinct().Count());
    }

    [Fact]
    public async Task What_the_writer_writes_the_reader_reads_back_as_the_same_rows()
    {
        RosterRow[] rows =
        [
            new(2, "100001", "山田", "太郎", "ヤマダ", "タロウ", "t-yamada@city.example.jp", "総務部/総務課", StaffTier.Manager, 1975, ["総務部/総務課", "総務部/政策推進課"], true),
            new(3, "A-2", "佐藤, 二世", "花子", "", "", null, "市民生活部", StaffTier.Executive, null, [], false),
            new(4, "-3", "=cmd|' /C calc'!A0", "\"次郎\"", "", "", "+x@city.example.jp", "総務部/総務課/文書係", StaffTier.General, 2004, [], null),
        ];
        using var stream = new MemoryStream();

        await RosterWriter.WriteAsync(stream, rows);

        var bytes = stream.ToArray();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.StartsWith(ExportHeader + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("管理職,1975,総務部/総務課;総務部/政策推進課,1\r\n", text, StringComparison.Ordinal);
        Assert.Contains("幹部職,,,0\r\n", text, StringComparison.Ordinal); // no year known: a blank cell
        Assert.Contains("\"'=cmd", text, StringComparison.Ordinal); // Excel shows it as text, not a formula
        var file = await ReadAsync(bytes);
        Assert.True(file.IsValid, string.Join(" | ", file.Errors));
        AssertRowsEqual(rows, file.Rows);
    }

    [Fact]
    public async Task The_keys_of_the_checking_read_recognise_the_same_rows_on_the_second_read_and_only_them()
    {
        var bytes = Utf8(Csv(Header, Good.Replace(",,1", ",総務部,1", StringComparison.Ordinal)));
        var keys = new RosterKeys();
        await RosterReader.ReadAsync(new MemoryStream(bytes), RosterEncoding.Auto, new KeyLocalizer(), Clock, keys.AddAsync);

        var row = Assert.Single((await ReadAsync(bytes)).Rows);
        Assert.True(keys.Matches(row));
        Assert.False(keys.Matches(row with { Line = 3 }));
        Assert.False(keys.Matches(row with { Email = "someone.else@city.example.jp" }));
        Assert.False(keys.Matches(row with { Active = false }));
        Assert.False(keys.Matches(row with { OrgUnitPath = "総務部/別の課" }));
        Assert.Equal(["総務部", "総務部/総務課"], keys.UnitPaths); // managed units first, as the import creates them
    }

    [Fact]
    public async Task A_second_read_may_leave_the_duplicate_checks_to_the_caller()
    {
        var bytes = Utf8(Csv(Header, Good, Good));
        var rows = new List<RosterRow>();

        var file = await RosterReader.ReadAsync(new MemoryStream(bytes), RosterEncoding.Auto, new KeyLocalizer(), Clock, row =>
        {
            rows.Add(row);
            return ValueTask.CompletedTask;
        }, findDuplicates: false);

        Assert.True(file.IsValid);
        Assert.Equal([2, 3], rows.Select(r => r.Line));
    }

    [Fact]
    public async Task A_non_seekable_stream_is_read_too()
    {
        var bytes = ShiftJis.GetBytes(Csv(Header, Good));
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var client = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, pipe.ClientSafePipeHandle);
        var writing = Task.Run(async () =>
        {
            await pipe.WriteAsync(bytes);
            pipe.Close();
        });

        var file = await RosterReader.ReadAsync(client, RosterEncoding.Auto, new KeyLocalizer(), Clock);
        await writing;

        Assert.Equal("Shift_JIS", file.EncodingName);
        Assert.True(file.IsValid);
    }

    [Fact]
    public async Task A_file_of_50000_rows_is_read_in_one_go()
    {
        var text = new StringBuilder(Header).Append("\r\n");
        for (var i = 1; i <= 50_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i:D6},山田,太郎{i},ヤマダ,タロウ,staff{i}@city.example.jp,総務部/総務課/係{i % 50},")
                .Append(i % 100 == 0 ? "管理職" : "一般職").Append(i % 100 == 0 ? $",総務部/総務課/係{i % 50}" : ",").Append(",1\r\n");
        }

        var reports = new List<int>();
        var file = await ReadAsync(Utf8(text.ToString(), bom: false), progress: new SynchronousProgress(reports));

        Assert.True(file.IsValid, string.Join(" | ", file.Errors.Take(5)));
        Assert.Equal(50_000, file.DataRowCount);
        Assert.Equal(50_000, file.Rows.Count);
        Assert.Equal(50_001, file.Rows[^1].Line);
        Assert.Equal(50_000, reports[^1]);
        Assert.InRange(reports.Count, 50, 51);
    }

    private sealed class SynchronousProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value) => reports.Add(value);
    }

    [Theory]
    [InlineData(null, "Auto")]
    [InlineData("", "Auto")]
    [InlineData("auto", "Auto")]
    [InlineData("UTF-8", "Utf8")]
    [InlineData("utf8", "Utf8")]
    [InlineData("Shift_JIS", "ShiftJis")]
    [InlineData("sjis", "ShiftJis")]
    [InlineData("CP932", "ShiftJis")]
    [InlineData("Windows-31J", "ShiftJis")]
    public void Encoding_names_are_understood_in_any_case(string? value, string expected)
    {
        Assert.True(RosterReader.TryParseEncoding(value, out var encoding));
        Assert.Equal(expected, encoding.ToString());
    }

    [Theory]
    [InlineData("euc-jp")]
    [InlineData("utf-16")]
    public void Other_encoding_names_are_refused(string value) => Assert.False(RosterReader.TryParseEncoding(value, out _));
}
