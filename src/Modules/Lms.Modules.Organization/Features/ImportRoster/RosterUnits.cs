using Lms.Modules.Organization.Data;
using Lms.Modules.Organization.Domain;
using Microsoft.EntityFrameworkCore;

namespace Lms.Modules.Organization.Features.ImportRoster;

/// <summary>
/// The org chart as the import sees it: every unit by path and by id. Kept whole, unlike the staff: a prefecture
/// has a few thousand units, not tens of thousands.
/// </summary>
internal sealed class RosterUnits
{
    private readonly Dictionary<string, Guid> byPath;
    private readonly Dictionary<Guid, string> byId;

    private RosterUnits(Dictionary<string, Guid> byPath)
    {
        this.byPath = byPath;
        byId = byPath.ToDictionary(u => u.Value, u => u.Key);
    }

    public Guid this[string path] => byPath[path];

    public string PathOf(Guid id) => byId.GetValueOrDefault(id, "?");

    /// <summary>Every unit the file names (its own or one it manages) exists afterwards, ancestors first.</summary>
    public static async Task<RosterUnits> EnsureAsync(OrganizationDbContext db, AuditTrail audit, IEnumerable<string> paths, DateTimeOffset now, string actor, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Path, u => u.Id, StringComparer.Ordinal, ct);
        foreach (var path in paths)
        {
            var segments = path.Split('/');
            for (var depth = 0; depth < segments.Length; depth++)
            {
                var current = string.Join('/', segments[..(depth + 1)]);
                if (units.ContainsKey(current))
                {
                    continue;
                }

                var parentId = depth == 0 ? (Guid?)null : units[string.Join('/', segments[..depth])];
                var unit = new OrgUnit
                {
                    Id = Guid.CreateVersion7(),
                    ParentId = parentId,
                    Name = segments[depth],
                    Path = current,
                    Depth = depth,
                    SortOrder = units.Count,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.OrgUnits.Add(unit);
                units[current] = unit.Id;
                audit.Record("unit.created", "unit", unit.Id, current, actor);
            }
        }

        return new RosterUnits(units);
    }
}
