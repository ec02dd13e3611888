using System.Text;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace Lms.Modules.Gamification.Features.Admin.Bulk;

/// <summary>One data line of a bulk file: its line number as a text editor shows it, and the employee number (normalised; "" when empty).</summary>
internal sealed record BulkLine(int Line, string EmployeeNumber);

/// <summary>The data lines of a bulk file, or why it could not be read at all.</summary>
internal sealed record BulkFile(IReadOnlyList<BulkLine> Lines, string? Problem, string EncodingName);

/// <summary>
/// Reads the employee numbers of a bulk award or revoke file: a CSV whose column is headed <c>employee_number</c>
/// or <c>職員番号</c>, or a single column without a header. UTF-8 (with or without a byte order mark) or Shift_JIS,
/// which is what Japanese Excel writes for "CSV (comma separated)": it is detected, because asking an administrator
/// which encoding Excel used is asking something nobody knows.
/// </summary>
internal static class BulkCsv
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxLines = 20_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> ShiftJis = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    });

    private static readonly HashSet<string> HeaderNames = new(StringComparer.Ordinal) { "employee_number", "employeenumber", "職員番号" };

    public static BulkFile Read(byte[] bytes, IStringLocalizer<GamificationStrings> T)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            return Failed(T["The file is larger than 1 MB. Split it into smaller files."], "");
        }

        if (bytes.AsSpan().Contains((byte)0))
        {
            // An .xlsx (a zip) or UTF-16 text.
            return Failed(T["The file is not a CSV text file. If it is an Excel workbook, save it as CSV first."], "");
        }

        var (text, encodingName) = Decode(bytes);
        if (text.Trim().Length == 0)
        {
            return Failed(T["The file is empty."], encodingName);
        }

        var rows = new List<(int Line, string[] Cells)>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = false,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            DetectSeparatorHint = false,
        };
        using (var csv = CsvReader.FromText(text, options))
        {
            while (csv.Read())
            {
                if (rows.Count > MaxLines)
                {
                    return Failed(T["The file has more than 20,000 lines. Split it into smaller files."], encodingName);
                }

                var cells = new string[csv.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = csv.GetString(i);
                }

                rows.Add(((int)Math.Min(csv.LineNumber, int.MaxValue), cells));
            }
        }

        // Text editors and Excel end the last line with a line break; that is not an empty line of data.
        while (rows.Count > 0 && rows[^1].Cells.All(string.IsNullOrWhiteSpace))
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (rows.Count == 0)
        {
            return Failed(T["The file is empty."], encodingName);
        }

        var header = rows[0].Cells.Select(HeaderKey).ToList();
        var column = header.FindIndex(HeaderNames.Contains);
        if (column < 0 && rows.Any(r => r.Cells.Count(c => c.Trim().Length > 0) > 1))
        {
            return Failed(T["No column of employee numbers was found. Head it 職員番号 (or employee_number) in the first line, or give a single column without a heading."], encodingName);
        }

        var data = column >= 0 ? rows.Skip(1) : rows;
        var index = Math.Max(column, 0);
        var lines = data.Select(r => new BulkLine(r.Line, Normalise(FirstFilled(r.Cells, index, column < 0)))).ToList();
        return lines.Count == 0
            ? Failed(T["The file has a heading but no employee numbers."], encodingName)
            : new BulkFile(lines, null, encodingName);
    }

    /// <summary>Full-width digits and letters made half-width (an IME habit), spaces and Excel's formula guard removed.</summary>
    public static string Normalise(string value)
    {
        var text = Nfkc(value).Trim();
        return text.Length > 1 && text[0] == '\'' ? text[1..].Trim() : text;
    }

    private static string FirstFilled(string[] cells, int index, bool singleColumn)
    {
        if (!singleColumn)
        {
            return index < cells.Length ? cells[index] : "";
        }

        // Without a header, a line like "A0001," (Excel keeps a trailing comma of an emptied column) is still one number.
        return cells.FirstOrDefault(c => c.Trim().Length > 0) ?? "";
    }

    private static (string Text, string EncodingName) Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (bytes.AsSpan().StartsWith(bom))
        {
            return (Encoding.UTF8.GetString(bytes, bom.Length, bytes.Length - bom.Length), "UTF-8");
        }

        try
        {
            return (StrictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (ShiftJis.Value.GetString(bytes), "Shift_JIS");
        }
    }

    private static string HeaderKey(string header) =>
        string.Concat(Nfkc(header.Replace("\uFEFF", "", StringComparison.Ordinal)).ToLowerInvariant().Where(c => !char.IsWhiteSpace(c)));

    private static string Nfkc(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return value; // a lone surrogate: keep the text as it is
        }
    }

    private static BulkFile Failed(string problem, string encodingName) => new([], problem, encodingName);
}
