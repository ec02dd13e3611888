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

/// <summary>
/// What a roster file is like, and everything wrong with it that the file alone shows. Its rows are not in here:
/// the reader hands them out one at a time as it reads.
/// </summary>
internal sealed class RosterFile
{
    public required string EncodingName { get; init; }
    /// <summary>The encoding as detected, to read the same file again without guessing.</summary>
    public RosterEncoding Encoding => EncodingName == RosterFormat.Utf8Name ? RosterEncoding.Utf8 : RosterEncoding.ShiftJis;
    public required IReadOnlyList<string> Headers { get; init; }
    /// <summary>By line, then in column order.</summary>
    public required IReadOnlyList<RosterError> Errors { get; init; }
    /// <summary>Every data row seen, good or bad; blank lines are not counted.</summary>
    public int DataRowCount { get; init; }
    public bool HasManagedUnitsColumn { get; init; }
    public bool HasActiveColumn { get; init; }
    /// <summary>Without the column the import leaves stored years of birth as they are.</summary>
    public bool HasBirthYearColumn { get; init; }
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
    /// <param name="clock">Bounds the year of birth (see <see cref="Domain.BirthYears"/>).</param>
    /// <param name="onRow">Receives each row without problems, in file order, as soon as it is read; nothing is kept.</param>
    /// <param name="progress">Data rows read so far, about every 1,000 rows and at the end.</param>
    /// <param name="findDuplicates">False when the caller read the file before and checks the rows against that read itself.</param>
    public static async Task<RosterFile> ReadAsync(Stream stream, RosterEncoding encoding, IStringLocalizer<OrganizationStrings> T, TimeProvider clock,
        Func<RosterRow, ValueTask>? onRow = null, IProgress<int>? progress = null, bool findDuplicates = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(T);
        ArgumentNullException.ThrowIfNull(clock);
        if (stream.CanSeek)
        {
            return await ReadSeekableAsync(stream, encoding, T, clock, onRow, progress, findDuplicates, cancellationToken);
        }

        // Detection reads the file twice; a temporary file keeps memory flat for a request body.
        var path = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.csv");
        await using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, ChunkSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await stream.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return await ReadSeekableAsync(copy, encoding, T, clock, onRow, progress, findDuplicates, cancellationToken);
    }

    private static async Task<RosterFile> ReadSeekableAsync(Stream stream, RosterEncoding encoding, IStringLocalizer<OrganizationStrings> T, TimeProvider clock,
        Func<RosterRow, ValueTask>? onRow, IProgress<int>? progress, bool findDuplicates, CancellationToken cancellationToken)
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
                EncodingName = encodingName, Headers = headers, Errors = layout.Errors,
                HasManagedUnitsColumn = layout.Has(RosterField.ManagedUnits), HasActiveColumn = layout.Has(RosterField.Active),
                HasBirthYearColumn = layout.Has(RosterField.BirthYear),
            };
        }

        var validator = new RosterRowValidator(layout, T, Domain.BirthYears.Latest(clock), findDuplicates);
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
                if (validator.Check(line, cells, quoting is { } r ? QuotingMessage(r, T) : null) is { } row && onRow is not null)
                {
                    await onRow(row);
                }

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
            Errors = errors,
            DataRowCount = dataRows,
            HasManagedUnitsColumn = layout.Has(RosterField.ManagedUnits),
            HasActiveColumn = layout.Has(RosterField.Active),
            HasBirthYearColumn = layout.Has(RosterField.BirthYear),
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
