namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// What the apply must know about the whole file before it writes anything, gathered by the checking pass: per row
/// the employee number, line, e-mail and active flag (the strings are the reader's own, so about 200 bytes a row),
/// and the unit paths. The rest of each row is read again from the file when it is applied (see ADR 0008).
/// </summary>
internal sealed class RosterKeys
{
    // Ordinal, as the database compares employee numbers (the reader refuses numbers that differ only in case).
    private readonly Dictionary<string, RowKey> rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> unitPathSet = new(StringComparer.Ordinal);
    private readonly List<string> unitPaths = [];

    internal readonly record struct RowKey(int Line, string? Email, bool? Active);

    public int Count => rows.Count;

    /// <summary>Every unit a row names (managed ones first, then its own), in the order the file first names them.</summary>
    public IReadOnlyList<string> UnitPaths => unitPaths;

    public IEnumerable<KeyValuePair<string, RowKey>> Rows => rows;

    public ValueTask AddAsync(RosterRow row)
    {
        rows.Add(row.EmployeeNumber, new RowKey(row.Line, row.Email, row.Active));
        foreach (var path in (row.ManagedUnitPaths ?? []).Append(row.OrgUnitPath))
        {
            if (unitPathSet.Add(path))
            {
                unitPaths.Add(path);
            }
        }

        return ValueTask.CompletedTask;
    }

    public bool Contains(string employeeNumber) => rows.ContainsKey(employeeNumber);

    public bool TryGet(string employeeNumber, out RowKey key) => rows.TryGetValue(employeeNumber, out key);

    /// <summary>
    /// Whether a row read again is the row that was checked. The stored file is the import's own and never
    /// rewritten, but the checks that made the apply safe are only valid for what they saw.
    /// </summary>
    public bool Matches(RosterRow row) =>
        rows.TryGetValue(row.EmployeeNumber, out var key) && key == new RowKey(row.Line, row.Email, row.Active)
        && unitPathSet.Contains(row.OrgUnitPath) && (row.ManagedUnitPaths ?? []).All(unitPathSet.Contains);
}
