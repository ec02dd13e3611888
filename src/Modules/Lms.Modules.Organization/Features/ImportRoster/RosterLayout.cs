using Microsoft.Extensions.Localization;

namespace Lms.Modules.Organization.Features.ImportRoster;

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
