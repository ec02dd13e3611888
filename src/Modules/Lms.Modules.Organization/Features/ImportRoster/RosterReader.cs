using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Lms.Contracts.Organization;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ImportRoster;

internal enum RosterEncoding
{
    Auto,
    Utf8,
    ShiftJis,
}

/// <summary>What a roster file holds, and everything wrong with it that the file alone shows.</summary>
internal sealed class RosterFile
{
    public required string EncodingName { get; init; }
    public required IReadOnlyList<string> Headers { get; init; }
    /// <summary>The rows without errors.</summary>
    public required IReadOnlyList<RosterRow> Rows { get; init; }
    /// <summary>By line, then in column order.</summary>
    public required IReadOnlyList<RosterError> Errors { get; init; }
    /// <summary>Every data row seen, good or bad; blank lines are not counted.</summary>
    public int DataRowCount { get; init; }
    public bool HasManagedUnitsColumn { get; init; }
    public bool HasActiveColumn { get; init; }
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Reads a roster file (format: <see cref="RosterFormat"/>) and checks every row, without touching the database.</summary>
internal static partial class RosterReader
{
    private const int ChunkSize = 64 * 1024;
    private const int ProgressInterval = 1_000;
    private const int MaxRecordBytes = 1024 * 1024;

    private static readonly Encoding ShiftJis = CreateShiftJis();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryParseEncoding(string? value, out RosterEncoding encoding)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto": encoding = RosterEncoding.Auto; return true;
            case "utf-8" or "utf8": encoding = RosterEncoding.Utf8; return true;
            case "shift_jis" or "shift-jis" or "sjis" or "cp932" or "windows-31j": encoding = RosterEncoding.ShiftJis; return true;
            default: encoding = RosterEncoding.Auto; return false;
        }
    }

    /// <summary>Reads the whole file as a stream, reporting every problem at once; bad input never throws.</summary>
    /// <param name="progress">Data rows read so far, about every 1,000 rows and at the end.</param>
    public static async Task<RosterFile> ReadAsync(Stream stream, RosterEncoding encoding, IStringLocalizer<OrganizationStrings> T,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(T);
        if (stream.CanSeek)
        {
            return await ReadSeekableAsync(stream, encoding, T, progress, cancellationToken);
        }

        // Detection reads the file twice; a temporary file keeps memory flat for a request body.
        var path = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.csv");
        await using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, ChunkSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await stream.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return await ReadSeekableAsync(copy, encoding, T, progress, cancellationToken);
    }

    private static async Task<RosterFile> ReadSeekableAsync(Stream stream, RosterEncoding encoding, IStringLocalizer<OrganizationStrings> T,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        var probe = await ProbeAsync(stream, cancellationToken);
        stream.Position = start;

        var utf8 = encoding switch
        {
            RosterEncoding.Utf8 => true,
            RosterEncoding.ShiftJis => false,
            _ => probe.HasBom || probe.IsUtf8,
        };
        var encodingName = utf8 ? RosterFormat.Utf8Name : RosterFormat.ShiftJisName;
        if (probe.IsEmpty)
        {
            return Failed(encodingName, T["The file is empty."]);
        }

        if (probe.IsBinary)
        {
            return Failed(encodingName, T["The file is not a CSV text file. If it is an Excel workbook, save it as CSV first."]);
        }

        if (utf8 && !probe.IsUtf8)
        {
            return Failed(encodingName, T["The file is not in UTF-8. Choose Shift_JIS as the encoding (or automatic detection), or save the file in Excel as CSV UTF-8."]);
        }

        if (!utf8 && probe.HasBom)
        {
            return Failed(encodingName, T["The file is in UTF-8 (it starts with a byte order mark), not Shift_JIS. Choose UTF-8 or automatic detection."]);
        }

        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            DetectSeparatorHint = false,
            MaxRecordSize = MaxRecordBytes, // an unclosed quote would otherwise take the rest of the file into memory as one cell
            Encoding = utf8 ? null : ShiftJis,
            OnMalformedRecord = m => malformed.TryAdd(m.LineNumber, m.Reason),
        };
        await using var csv = CsvReader.Create(stream, options, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        var headers = csv.Headers.Select(h => h.Replace("\uFEFF", "", StringComparison.Ordinal)).ToArray();
        if (headers.Length == 0)
        {
            return Failed(encodingName, T["The file is empty."]);
        }

        var headerLine = LineOf(csv.LineNumber);
        var layout = RosterLayout.Create(headers, headerLine, T);
        if (malformed.Remove(headerLine, out var headerQuoting))
        {
            layout.Errors.Insert(0, new RosterError(headerLine, "", QuotingMessage(headerQuoting, T)));
        }

        if (layout.Errors.Count > 0)
        {
            return new RosterFile
            {
                EncodingName = encodingName, Headers = headers, Rows = [], Errors = layout.Errors,
                HasManagedUnitsColumn = layout.Has(RosterField.ManagedUnits), HasActiveColumn = layout.Has(RosterField.Active),
            };
        }

        var validator = new RosterRowValidator(layout, T);
        var dataRows = 0;
        try
        {
            while (await csv.ReadAsync(cancellationToken))
            {
                var line = LineOf(csv.LineNumber);
                var cells = new string[csv.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = csv.GetString(i);
                }

                var quoting = malformed.Remove(line, out var reason) ? reason : (CsvMalformedReason?)null;
                if (cells.All(string.IsNullOrWhiteSpace) && quoting is null)
                {
                    continue; // a line of commas only: Excel writes these for formatted but empty rows
                }

                dataRows++;
                validator.Check(line, cells, quoting is { } r ? QuotingMessage(r, T) : null);
                if (dataRows % ProgressInterval == 0)
                {
                    progress?.Report(dataRows);
                }
            }
        }
        catch (CsvFormatException e)
        {
            // Recover and Allow leave only MaxRecordSize to throw.
            validator.Errors.Add(new RosterError(LineOf(e.LineNumber), "",
                T["A line is longer than 1 MB, usually because a quotation mark is never closed. The file was read only up to this line."]));
        }

        progress?.Report(dataRows);
        IReadOnlyList<RosterError> errors = dataRows == 0 && validator.Errors.Count == 0 ? [new RosterError(0, "", T["The file has a header row but no data rows."])] : validator.Errors;
        return new RosterFile
        {
            EncodingName = encodingName,
            Headers = headers,
            Rows = validator.Rows,
            Errors = errors,
            DataRowCount = dataRows,
            HasManagedUnitsColumn = layout.Has(RosterField.ManagedUnits),
            HasActiveColumn = layout.Has(RosterField.Active),
        };
    }

    private static int LineOf(long lineNumber) => (int)Math.Min(lineNumber, int.MaxValue);

    private static string QuotingMessage(CsvMalformedReason reason, IStringLocalizer<OrganizationStrings> T) =>
        reason == CsvMalformedReason.UnterminatedQuote
            ? T["A quotation mark on this line is never closed, so the rest of the file was read as one cell."]
            : T["The quotation marks on this line are not valid."];

    private static RosterFile Failed(string encodingName, string message) => new()
    {
        EncodingName = encodingName,
        Headers = [],
        Rows = [],
        Errors = [new RosterError(0, "", message)],
    };

    private sealed record Probe(bool IsEmpty, bool HasBom, bool IsBinary, bool IsUtf8);

    /// <summary>One pass with a throwing UTF-8 decoder; stops at the first byte that is not UTF-8.</summary>
    private static async Task<Probe> ProbeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new byte[ChunkSize];
        var chars = new char[ChunkSize + 4];
        var decoder = StrictUtf8.GetDecoder();
        var first = await stream.ReadAtLeastAsync(bytes, ChunkSize, throwOnEndOfStream: false, cancellationToken);
        var hasBom = bytes.AsSpan(0, first).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var isEmpty = first == (hasBom ? 3 : 0);
        var isBinary = bytes.AsSpan(0, first).Contains((byte)0); // an .xlsx (zip) or UTF-16 text
        try
        {
            for (var read = first; read > 0; read = await stream.ReadAtLeastAsync(bytes, ChunkSize, throwOnEndOfStream: false, cancellationToken))
            {
                decoder.GetChars(bytes.AsSpan(0, read), chars, flush: false);
            }

            decoder.GetChars([], chars, flush: true);
            return new Probe(isEmpty, hasBom, isBinary, IsUtf8: true);
        }
        catch (DecoderFallbackException)
        {
            return new Probe(isEmpty, hasBom, isBinary, IsUtf8: false);
        }
    }

    private static Encoding CreateShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(RosterFormat.ShiftJisCodePage);
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,32}$")]
    internal static partial Regex EmployeeNumberPattern();

    [GeneratedRegex(@"^[\p{IsKatakana}ー・\s]*$")]
    internal static partial Regex KatakanaPattern();

    /// <summary>One @, a host with a dot and no empty label, and what <see cref="MailAddress"/> takes as a bare address.</summary>
    internal static bool IsEmailAddress(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || email.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var host = email[(at + 1)..];
        return host.Contains('.', StringComparison.Ordinal) && !host.StartsWith('.') && !host.EndsWith('.')
            && !host.Contains("..", StringComparison.Ordinal)
            && MailAddress.TryCreate(email, out var address) && address.Address == email && address.DisplayName.Length == 0;
    }
}

/// <summary>Which field each column of a file holds, and what is wrong with its header row.</summary>
internal sealed class RosterLayout
{
    private readonly Dictionary<RosterField, int> indexes = [];

    private RosterLayout(IReadOnlyList<string> headers) => Headers = headers;

    public IReadOnlyList<string> Headers { get; }
    /// <summary>The field of each column; null for a column without a name.</summary>
    public List<RosterColumn?> Columns { get; } = [];
    public List<RosterError> Errors { get; } = [];

    public bool Has(RosterField field) => indexes.ContainsKey(field);

    public static RosterLayout Create(IReadOnlyList<string> headers, int line, IStringLocalizer<OrganizationStrings> T)
    {
        var layout = new RosterLayout(headers);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            var column = string.IsNullOrWhiteSpace(header) ? null : RosterFormat.FindColumn(header);
            layout.Columns.Add(column);
            if (column is null)
            {
                if (!string.IsNullOrWhiteSpace(header))
                {
                    layout.Errors.Add(new(line, header, T["Unknown column {0}. Check its name against the roster format, or delete the column.", header]));
                }
            }
            else if (!layout.indexes.TryAdd(column.Field, i))
            {
                var first = headers[layout.indexes[column.Field]];
                layout.Errors.Add(new(line, header, T["The column {0} is the same as the column {1}. Keep only one of them.", header, first]));
                layout.Columns[i] = null;
            }
        }

        foreach (var missing in RosterFormat.Columns.Where(c => c.Required && !layout.Has(c.Field)))
        {
            layout.Errors.Add(new(line, missing.Japanese, T["The required column {0} ({1}) is missing.", missing.Japanese, missing.English]));
        }

        return layout;
    }
}

/// <summary>Checks the data rows one by one, remembering employee numbers and e-mails to find duplicates within the file.</summary>
internal sealed class RosterRowValidator(RosterLayout layout, IStringLocalizer<OrganizationStrings> T)
{
    private readonly Dictionary<string, int> employeeNumbers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> emails = new(StringComparer.Ordinal);
    private readonly List<RosterError> rowErrors = [];

    public List<RosterRow> Rows { get; } = [];
    public List<RosterError> Errors { get; } = [];

    public void Check(int line, string[] cells, string? quotingProblem)
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
            return;
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
            return;
        }

        Rows.Add(new RosterRow(line, values.EmployeeNumber, values.FamilyName, values.GivenName, values.FamilyNameKana, values.GivenNameKana,
            values.Email, values.OrgUnitPath, values.Tier, layout.Has(RosterField.ManagedUnits) ? values.ManagedUnitPaths : null, values.Active));
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

                if (!employeeNumbers.TryAdd(number, line))
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

                if (!emails.TryAdd(email, line))
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
        public IReadOnlyList<string> ManagedUnitPaths = [];
        public bool? Active;
    }
}
